/**
 * A warm handoff on the web chat, over real HTTP with the shipped flows: the person asks for a
 * person, keeps a summary and sends it; a caseworker accepts; "Anna, social worker" appears on
 * the person's page; words pass both ways; closing brings the person back to the menu.
 */
import type { Caseworker } from '../../src/handoff/types';
import { startWebchat, type WebchatServer } from '../channels/webchat-harness';

const anna: Caseworker = { id: 'cw-anna', firstName: 'Anna', role: 'caseworker', roleTitle: 'social worker' };
let server: WebchatServer;

beforeAll(async () => {
  server = await startWebchat();
  server.haven.handoffs.setOnline(anna.id, true);
});
afterAll(() => server.stop());

interface WebMessage {
  seq: number;
  kind: string;
  text?: string;
  choices?: { id: string; label: string }[];
}

async function api(path: string, token: string | null, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}/api/webchat${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: res.status === 204 ? null : await res.json() };
}

test('a caseworker and a person on the web chat talk through Haven', async () => {
  const start = await api('/session', null, { langHint: 'en' });
  expect(start.status).toBe(201);
  const token: string = start.json.token;
  let last: number = start.json.last;
  const say = async (input: unknown): Promise<WebMessage[]> => {
    const r = await api('/messages', token, { input, after: last });
    expect(r.status).toBe(200);
    last = r.json.last;
    return r.json.messages as WebMessage[];
  };
  await say({ type: 'choice', id: 'en' });
  await say({ type: 'choice', id: 'adult' });
  const toPerson = await say({ type: 'choice', id: 'person' });
  expect(toPerson.at(-1)!.choices!.map((c) => c.id)).toEqual(['yes', 'no']);
  const summary = await say({ type: 'choice', id: 'yes' });
  expect(summary.at(-1)!.choices!.map((c) => c.id)).toContain('send');
  await say({ type: 'choice', id: 'send' });
  const queued = await say({ type: 'text', text: 'Someone took my passport' });
  expect(queued.map((m) => m.text)).toContain('You are number 1 in the queue. A helper will write to you here.');

  const [handoff] = server.haven.handoffs.list(anna);
  expect(handoff).toMatchObject({ status: 'waiting', channel: 'webchat', stored: true });
  expect(handoff!.summary.message).toBe('Someone took my passport');

  await server.haven.handoffs.accept(handoff!.id, anna);
  const joined = await api(`/messages?after=${last}`, token);
  expect((joined.json.messages as WebMessage[]).map((m) => m.text)).toEqual(['Anna, social worker, has joined the chat. You can write to them now.']);
  last = joined.json.last;

  expect(await say({ type: 'text', text: 'Thank you for coming' })).toEqual([]);
  expect(server.haven.handoffs.messages(handoff!.id).at(-1)).toMatchObject({ from: 'person', text: 'Thank you for coming' });
  await server.haven.handoffs.send(handoff!.id, anna, 'I am here. Are you safe right now?');
  const reply = await api(`/messages?after=${last}`, token);
  expect((reply.json.messages as WebMessage[]).map((m) => m.text)).toEqual(['Anna: I am here. Are you safe right now?']);
  last = reply.json.last;

  await server.haven.handoffs.close(handoff!.id, anna, 'advice_given');
  const after = await api(`/messages?after=${last}`, token);
  const texts = (after.json.messages as WebMessage[]).map((m) => m.text);
  expect(texts[0]).toBe('Anna has ended the chat. Thank you for talking with us.');
  expect((after.json.messages as WebMessage[]).at(-1)!.choices!.map((c) => c.id)).toContain('person');
});
