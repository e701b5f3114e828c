/**
 * Referrals: a consented handoff that closes is posted, signed, to a real HTTP receiver; a
 * failing receiver is retried; an unconsented handoff is never referred.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openHaven, type Haven } from '../../src/conversation/open';
import { parseHours } from '../../src/handoff/hours';
import { signReferral } from '../../src/handoff/referral';
import type { Caseworker } from '../../src/handoff/types';
import { writeContent } from '../support/content-builder';
import { HANDOFF_CONTENT } from '../support/handoff-content';
import { TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

const SECRET = 'a-shared-secret-of-at-least-32-characters!';
const anna: Caseworker = { id: 'cw-anna', firstName: 'Anna', role: 'caseworker', roleTitle: 'social worker' };

interface Received {
  body: string;
  signature: string;
  timestamp: string;
}

let server: http.Server;
let received: Received[];
let failures: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failures > 0) {
        failures--;
        res.writeHead(500).end();
        return;
      }
      received.push({ body, signature: String(req.headers['x-haven-signature']), timestamp: String(req.headers['x-haven-timestamp']) });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, r));
});
afterAll(() => new Promise((r) => server.close(r)));

function open(): { haven: Haven; settled: () => Promise<void> } {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/referrals`;
  const haven = openHaven({
    dataDir: tempDir(),
    content: writeContent(HANDOFF_CONTENT),
    clock: new TestClock(),
    demoDirectory: false,
    handoff: { hours: parseHours('always'), timeZone: 'UTC', answerMs: 60_000, retentionMs: 60_000, referral: { url, secret: SECRET, backoffMs: 50 } },
  });
  haven.handoffs.setOnline(anna.id, true);
  return { haven, settled: () => haven.handoffs.referralsSettled() };
}

async function handoff(haven: Haven, key: string, audience: 'adult' | 'age_13_17'): Promise<string> {
  const t = (input: Parameters<Haven['conversations']['turn']>[1]) => haven.conversations.turn(key, input, { channel: 'test', address: key });
  t({ type: 'start' });
  t({ type: 'choice', id: audience });
  t({ type: 'choice', id: 'pl' });
  if (audience === 'adult') t({ type: 'choice', id: 'yes' });
  t({ type: 'choice', id: 'send' });
  t({ type: 'text', text: 'they keep my passport' });
  const id = haven.handoffs.list(anna)[0]!.id;
  await haven.handoffs.accept(id, anna);
  await haven.handoffs.close(id, anna, 'referred', 'La Strada (demo)');
  return id;
}

beforeEach(() => {
  received = [];
  failures = 0;
});

test('a closed, consented handoff is posted once, signed, with Primero-aligned fields', async () => {
  const { haven, settled } = open();
  const id = await handoff(haven, 'r1', 'adult');
  await settled();
  expect(received).toHaveLength(1);
  const { body, signature, timestamp } = received[0]!;
  expect(signature).toBe(signReferral(SECRET, timestamp, body));
  expect(signature).toBe(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`);
  expect(JSON.parse(body)).toMatchObject({
    type: 'haven.referral',
    id,
    case: { age_group: 'adult', location_current: { country: 'pl', city: null }, language: ['en'], consent_for_services: true },
    referral: { service: 'general', transitioned_to: 'La Strada (demo)', outcome: 'referred', notes: 'they keep my passport' },
  });
  haven.close();
});

test('a failing receiver is retried until it accepts', async () => {
  const { haven, settled } = open();
  failures = 2;
  await handoff(haven, 'r2', 'adult');
  await settled(); // two failures, retried after 50 ms and 100 ms, then accepted

  expect(received).toHaveLength(1);
  haven.close();
});

test('a handoff without consent is never referred', async () => {
  const { haven, settled } = open();
  await handoff(haven, 'r3', 'age_13_17');
  await settled();
  expect(received).toEqual([]);
  haven.close();
});
