/**
 * The warm handoff from the person's side and through the core: consent or the anonymous path,
 * the summary the person trims, the queue (emergencies first), the live relay both ways on the
 * person's own channel, interrupts during the chat, what is stored and for how long.
 */
import { openHaven, type Haven } from '../../src/conversation/open';
import type { Input, Output } from '../../src/engine/types';
import { parseHours } from '../../src/handoff/hours';
import type { Caseworker } from '../../src/handoff/types';
import { writeContent } from '../support/content-builder';
import { HANDOFF_CONTENT } from '../support/handoff-content';
import { TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

const DAY = 24 * 60 * 60 * 1000;
const anna: Caseworker = { id: 'cw-anna', firstName: 'Anna', role: 'caseworker', roleTitle: 'social worker' };
const boss: Caseworker = { id: 'cw-boss', firstName: 'Mira', role: 'supervisor', roleTitle: 'supervisor' };

let haven: Haven;
let clock: TestClock;
/** what each person received outside their own turns, by address */
let inbox: Map<string, Output[]>;

beforeEach(() => {
  clock = new TestClock(Date.UTC(2026, 10, 23, 10, 0)); // a Monday, 10:00 UTC
  haven = openHaven({
    dataDir: tempDir(),
    content: writeContent(HANDOFF_CONTENT),
    clock,
    demoDirectory: false,
    handoff: { hours: parseHours('mon-fri 09:00-17:00'), timeZone: 'UTC', answerMs: 5 * 60_000, retentionMs: 30 * DAY },
  });
  inbox = new Map();
  haven.delivery.register('test', async (address, outputs) => {
    inbox.set(address, [...(inbox.get(address) ?? []), ...outputs]);
  });
  haven.handoffs.setOnline(anna.id, true);
});
afterEach(() => haven.close());

const say = (text: string): Input => ({ type: 'text', text });
const choose = (id: string): Input => ({ type: 'choice', id });

function turn(key: string, input: Input) {
  return haven.conversations.turn(key, input, { channel: 'test', address: `addr-${key}` });
}

/** From the start to the summary, as an adult (consent asked) or a teen (anonymous path). */
function toSummary(key: string, audience: 'adult' | 'age_13_17', lang = 'en') {
  turn(key, { type: 'start', langHint: lang });
  turn(key, choose(audience));
  const r = turn(key, choose('pl'));
  if (audience === 'adult') return turn(key, choose('yes'));
  return r;
}

test('the explanation states the hours from configuration, in the person\'s language', () => {
  turn('h0', { type: 'start' });
  turn('h0', choose('adult'));
  const r = turn('h0', choose('pl'));
  expect(r.outputs.find((o) => o.node === 'explain')!.text).toBe('Helpers answer Mon–Fri 09:00–17:00.');
  const ar = turn('h0b', { type: 'start', langHint: 'ar' });
  expect(ar.outputs[0]!.lang).toBe('ar');
});

test('the country in the summary is its name in the person\'s language, not its code', () => {
  expect(toSummary('c-ar', 'adult', 'ar').outputs.at(-1)!.text).toContain(`: ${new Intl.DisplayNames(['ar'], { type: 'region' }).of('PL')}`);
  expect(new Intl.DisplayNames(['ar'], { type: 'region' }).of('PL')).not.toBe('Poland');
});

test('the person sees the summary, removes a line, sends; the caseworker gets exactly what was kept', () => {
  const summary = toSummary('p1', 'adult').outputs.at(-1)!;
  expect(summary.text).toBe('This is what I would share:\n• Age group: 18 or over\n• Country: Poland');
  expect(summary.choices!.map((c) => c.id)).toEqual(['remove_audience', 'remove_country', 'send', 'cancel']);
  expect(summary.choices![1]!.label).toBe('Remove: Country: Poland');
  const trimmed = turn('p1', choose('remove_country')).outputs.at(-1)!;
  expect(trimmed.text).toBe('This is what I would share:\n• Age group: 18 or over');
  turn('p1', choose('send'));
  const sent = turn('p1', say('They took my passport'));
  expect(sent.outputs.map((o) => o.text)).toEqual(['You are number 1 in the queue. A helper will write to you here.', 'Write here.']);
  // the person's own words never go into the session
  expect(JSON.stringify(sent.state)).not.toContain('passport');
  const [h] = haven.handoffs.list(anna);
  expect(h).toMatchObject({ status: 'waiting', stored: true, lang: 'en', channel: 'test', position: 1 });
  expect(h!.summary).toEqual({ fields: { audience: 'adult' }, signs: [], message: 'They took my passport', topic: 'general' });
});

test('accept, relay both ways on the person\'s channel, close with an outcome; the bot resumes', async () => {
  toSummary('p2', 'adult');
  turn('p2', choose('send'));
  turn('p2', choose('skip'));
  const id = haven.handoffs.list(anna)[0]!.id;
  await haven.handoffs.accept(id, anna);
  expect(inbox.get('addr-p2')!.map((o) => o.text)).toEqual(['Anna, social worker, has joined the chat. You can write to them now.']);
  const fromPerson = turn('p2', say('hello, are you real?'));
  expect(fromPerson.outputs.map((o) => o.event?.type)).toEqual(['relay']);
  expect(fromPerson.outputs[0]!.event).toEqual({ type: 'relay', text: '' });
  await haven.handoffs.send(id, anna, 'Yes, I am Anna. How can I help?');
  const last = inbox.get('addr-p2')!.at(-1)!;
  expect(last).toMatchObject({ text: 'Anna: Yes, I am Anna. How can I help?', sender: { name: 'Anna', role: 'social worker' } });
  expect(haven.handoffs.messages(id).map((m) => [m.from, m.text])).toEqual([
    ['person', 'hello, are you real?'],
    ['caseworker', 'Yes, I am Anna. How can I help?'],
  ]);
  await haven.handoffs.close(id, anna, 'advice_given');
  expect(inbox.get('addr-p2')!.slice(-3).map((o) => o.text)).toEqual(['Anna has ended the chat. Thank you for talking with us.', 'The chat has ended.', 'Back home.']);
  const row = haven.db.prepare('SELECT status, address, outcome, expires_at FROM handoffs WHERE id = ?').get(id);
  expect(row).toEqual({ status: 'closed', address: null, outcome: 'advice_given', expires_at: clock.now() + 30 * DAY });
  expect(haven.db.prepare('SELECT count(*) FROM handoff_messages WHERE handoff_id = ?').pluck().get(id)).toBe(2);
});

test('below the age of digital consent: no consent asked, nothing stored, gone at close', async () => {
  const r = toSummary('t1', 'age_13_17');
  expect(r.outputs.map((o) => o.node)).toEqual(['explain', 'minor', 'summary']);
  turn('t1', choose('send'));
  turn('t1', say('my boss keeps my documents'));
  const id = haven.handoffs.list(anna)[0]!.id;
  expect(haven.handoffs.get(id)!.summary.message).toBe('my boss keeps my documents');
  const stored = haven.db.prepare('SELECT stored, summary FROM handoffs WHERE id = ?').get(id);
  expect(stored).toEqual({ stored: 0, summary: null });
  await haven.handoffs.accept(id, anna);
  turn('t1', say('secret words'));
  expect(haven.handoffs.messages(id).map((m) => m.text)).toEqual(['secret words']);
  expect(haven.db.prepare('SELECT count(*) FROM handoff_messages').pluck().get()).toBe(0);
  await haven.handoffs.close(id, anna, 'advice_given');
  expect(haven.db.prepare('SELECT count(*) FROM handoffs').pluck().get()).toBe(0);
});

test('emergencies go first in the queue', () => {
  toSummary('n1', 'adult');
  turn('n1', choose('send'));
  turn('n1', choose('skip'));
  clock.advance(60_000);
  // someone who came through the emergency flow: say "help me", then ask for a person
  turn('u1', { type: 'start' });
  turn('u1', say('help me'));
  turn('u1', say('human'));
  turn('u1', choose('no'));
  const queue = haven.handoffs.list(anna);
  expect(queue).toHaveLength(1); // "no" to consent: no handoff
  turn('u2', { type: 'start' });
  turn('u2', choose('adult'));
  turn('u2', choose('de'));
  turn('u2', say('help me'));
  turn('u2', choose('back'));
  turn('u2', choose('yes'));
  turn('u2', choose('send'));
  turn('u2', choose('skip'));
  const [first, second] = haven.handoffs.list(anna);
  expect(first).toMatchObject({ urgent: true, position: 1 });
  expect(second).toMatchObject({ urgent: false, position: 2 });
});

test('with nobody online, the person is offered helplines and the choice to keep waiting', () => {
  haven.handoffs.setOnline(anna.id, false);
  toSummary('o1', 'adult');
  turn('o1', choose('send'));
  const r = turn('o1', choose('skip'));
  expect(r.outputs.map((o) => o.kind === 'event' ? o.event!.type : o.text)).toEqual([
    'You are number 1 in the queue. A helper will write to you here.',
    'Write here.',
    'services',
    'Nobody can answer right now.',
  ]);
  expect(r.outputs.at(-1)!.choices!.map((c) => c.id)).toEqual(['keep', 'end']);
  expect(turn('o1', choose('keep')).outputs).toEqual([]);
  expect(haven.handoffs.list(anna)[0]!.status).toBe('waiting');
});

test('outside hours counts as nobody available', () => {
  clock.ms = Date.UTC(2026, 10, 22, 10, 0); // a Sunday
  toSummary('s1', 'adult');
  turn('s1', choose('send'));
  expect(turn('s1', choose('skip')).outputs.at(-1)!.text).toBe('Nobody can answer right now.');
});

test('after the answer time, a waiting person is offered helplines on their channel, once', async () => {
  toSummary('w1', 'adult');
  turn('w1', choose('send'));
  turn('w1', choose('skip'));
  clock.advance(4 * 60_000);
  await haven.handoffs.tick();
  expect(inbox.get('addr-w1')).toBeUndefined();
  clock.advance(2 * 60_000);
  await haven.handoffs.tick();
  await haven.handoffs.tick();
  expect(inbox.get('addr-w1')!.map((o) => o.event?.type ?? o.text)).toEqual(['services', 'Nobody can answer right now.']);
});

describe('interrupts during a handoff', () => {
  async function active(key: string) {
    toSummary(key, 'adult');
    turn(key, choose('send'));
    turn(key, choose('skip'));
    const id = haven.handoffs.list(anna).find((h) => h.status === 'waiting')!.id;
    await haven.handoffs.accept(id, anna);
    return id;
  }

  test('emergency keeps the chat, marks it urgent and tells the caseworker; back returns to the chat', async () => {
    const id = await active('e1');
    const r = turn('e1', say('please help me'));
    expect(r.outputs[0]!.interrupt).toBe('emergency');
    expect(haven.handoffs.get(id)).toMatchObject({ status: 'active', urgent: true });
    expect(haven.handoffs.messages(id).at(-1)!.text).toBe('system:emergency_used');
    expect(turn('e1', choose('back')).outputs.map((o) => o.node)).toEqual(['chat']);
    turn('e1', say('still here'));
    expect(haven.handoffs.messages(id).at(-1)!.text).toBe('still here');
  });

  test('stop ends the chat and the caseworker is told the person left', async () => {
    const id = await active('e2');
    turn('e2', say('stop'));
    expect(haven.handoffs.get(id)).toMatchObject({ status: 'closed' });
    expect(haven.handoffs.messages(id).at(-1)!.text).toBe('system:person_left');
  });

  test('DELETE ends the chat and erases it, summary and transcript included', async () => {
    const id = await active('e3');
    turn('e3', say('my words'));
    const seen: string[] = [];
    haven.handoffs.subscribe((c) => c.type === 'status' && seen.push(c.handoffId));
    turn('e3', say('delete'));
    expect(haven.handoffs.get(id)).toBeNull();
    expect(haven.db.prepare("SELECT count(*) FROM handoff_messages WHERE text = 'my words'").pluck().get()).toBe(0);
    expect(seen).toContain(id);
  });

  test('the person can end the chat with the button', async () => {
    const id = await active('e4');
    const r = turn('e4', choose('end'));
    expect(r.outputs.map((o) => o.text).filter(Boolean)).toEqual(['The chat has ended.', 'Back home.']);
    expect(haven.handoffs.get(id)!.status).toBe('closed');
    expect(haven.handoffs.messages(id).at(-1)!.text).toBe('system:person_ended');
  });
});

describe('the console side', () => {
  test('a caseworker sees waiting handoffs and their own; a supervisor sees all; only one can accept', async () => {
    toSummary('c1', 'adult');
    turn('c1', choose('send'));
    turn('c1', choose('skip'));
    const id = haven.handoffs.list(anna)[0]!.id;
    const other: Caseworker = { id: 'cw-2', firstName: 'Ola', role: 'caseworker', roleTitle: 'counsellor' };
    await haven.handoffs.accept(id, anna);
    await expect(haven.handoffs.accept(id, other)).rejects.toMatchObject({ status: 409 });
    expect(haven.handoffs.list(other)).toEqual([]);
    expect(haven.handoffs.list(boss).map((h) => h.id)).toEqual([id]);
    await expect(haven.handoffs.send(id, other, 'hi')).rejects.toMatchObject({ status: 403 });
    await expect(haven.handoffs.send(id, anna, '   ')).rejects.toMatchObject({ status: 400 });
  });
});

test('the hours text is built once per language, and the queue length and waits are reported', async () => {
  expect(haven.handoffs.hoursText('fr')).toBe(haven.handoffs.hoursText('fr'));
  const waits: number[] = [];
  haven.handoffs.onWait = (s) => waits.push(s);
  toSummary('m1', 'adult');
  turn('m1', choose('send'));
  turn('m1', choose('skip'));
  expect(haven.handoffs.waitingCount()).toBe(1);
  clock.advance(90_000);
  await haven.handoffs.accept(haven.handoffs.list(anna)[0]!.id, anna);
  expect(haven.handoffs.waitingCount()).toBe(0);
  expect(waits).toEqual([90]);
});
