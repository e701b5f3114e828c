/**
 * The desk over HTTP with the real handoff core: the queue (emergencies first, no content in
 * it), opening a handoff (the shared summary), accepting it (the person is told the
 * caseworker's first name and role), the live chat both ways, closing with an outcome, who may
 * see what, and the audit log recording every step, readable by supervisors only.
 */
import { startConsoleServer, type ConsoleClient, type ConsoleServer } from './console-harness';

let s: ConsoleServer;
afterEach(() => s?.stop());

const said = (srv: ConsoleServer, key: string) => (srv.inbox.get(`addr-${key}`) ?? []).map((o) => o.text);

async function desk(): Promise<{ ana: ConsoleClient; bob: ConsoleClient; mira: ConsoleClient }> {
  s = await startConsoleServer();
  await s.addAccount('ana');
  await s.addAccount('bob');
  await s.addAccount('mira', 'supervisor');
  const [ana, bob, mira] = [s.client(), s.client(), s.client()];
  for (const [c, n] of [[ana, 'ana'], [bob, 'bob'], [mira, 'mira']] as const) expect((await c.signIn(n)).status).toBe(200);
  return { ana, bob, mira };
}

test('the queue: emergencies first, then the longest waiting; waiting time, language and channel, no content', async () => {
  const { ana } = await desk();
  s.waitingPerson('first', { message: 'They took my passport' });
  s.clock.advance(60_000);
  s.waitingPerson('second', { lang: 'ar' });
  s.clock.advance(60_000);
  s.waitingPerson('third');
  // the third person uses the emergency words while waiting: to the top
  s.turn('third', { type: 'text', text: 'help me' });
  s.clock.advance(30_000);
  const q = await ana.get('/console/api/handoffs');
  expect(q.status).toBe(200);
  const list: DeskQueueItem[] = q.body.handoffs;
  expect(list.map((h) => [h.urgent, h.lang, h.waitingMs])).toEqual([
    [true, 'en', 30_000],
    [false, 'en', 150_000],
    [false, 'ar', 90_000],
  ]);
  expect(list.every((h) => h.status === 'waiting' && h.channel === 'test' && h.caseworker === null)).toBe(true);
  // the queue carries nothing the person shared
  expect(JSON.stringify(q.body)).not.toMatch(/passport|summary|pl|adult/);
  // and listing it reads nothing: no audit entry
  expect(s.console.deps.audit.list({ limit: 50 }).filter((e) => e.handoffId)).toEqual([]);
});

test('open, accept, chat both ways, close with a referral: the person is told, every step audited', async () => {
  const { ana, mira } = await desk();
  s.waitingPerson('p1', { message: 'They took my passport' });
  const id: string = (await ana.get('/console/api/handoffs')).body.handoffs[0].id;

  const opened = await ana.get(`/console/api/handoffs/${id}`);
  expect(opened.status).toBe(200);
  expect(opened.body.handoff.summary).toEqual({ fields: { audience: 'adult', country: 'pl' }, signs: [], message: 'They took my passport', topic: 'general' });
  // before accepting, the messages are not for reading
  expect((await ana.get(`/console/api/handoffs/${id}/messages`)).status).toBe(403);

  const accepted = await ana.post(`/console/api/handoffs/${id}/accept`);
  expect(accepted.status).toBe(200);
  expect(accepted.body.handoff).toMatchObject({ status: 'active', mine: true, caseworker: { firstName: 'Ana' } });
  expect(said(s, 'p1').at(-1)).toBe('Ana, social worker, has joined the chat. You can write to them now.');

  s.turn('p1', { type: 'text', text: 'Hello? Is someone there?' });
  const read = await ana.get(`/console/api/handoffs/${id}/messages`);
  expect(read.body.messages.map((m: DeskMessage) => [m.from, m.text])).toEqual([['person', 'Hello? Is someone there?']]);

  const sent = await ana.post(`/console/api/handoffs/${id}/messages`, { text: 'Hi, I am Ana. I am here.' });
  expect(sent.status).toBe(201);
  // the person sees the caseworker's words under their first name
  expect(said(s, 'p1').at(-1)).toBe('Ana: Hi, I am Ana. I am here.');
  const after = await ana.get(`/console/api/handoffs/${id}/messages?after=${read.body.messages[0].id}`);
  expect(after.body.messages.map((m: DeskMessage) => m.text)).toEqual(['Hi, I am Ana. I am here.']);

  expect((await ana.post(`/console/api/handoffs/${id}/close`, { outcome: 'referred' })).status).toBe(400);
  expect((await ana.post(`/console/api/handoffs/${id}/close`, { outcome: 'referred', referredTo: 'La Strada hotline' })).status).toBe(204);
  expect(said(s, 'p1')).toContain('Ana has ended the chat. Thank you for talking with us.');
  // closed (kept under consent): a supervisor still sees it with its outcome
  const closed = await mira.get(`/console/api/handoffs/${id}`);
  expect(closed.body.handoff).toMatchObject({ status: 'closed', outcome: 'referred', referredTo: 'La Strada hotline' });
  expect((await ana.post(`/console/api/handoffs/${id}/messages`, { text: 'too late' })).status).toBe(409);

  // the audit log, as a supervisor reads it for this handoff (oldest first here)
  const audit = await mira.get(`/console/api/audit?handoff=${id}`);
  expect(audit.status).toBe(200);
  const entries: DeskAuditEntry[] = audit.body.entries;
  const steps = [...entries].reverse().map((e) => [e.actor, e.action, e.detail]);
  expect(steps).toEqual([
    ['ana', 'open', null],
    ['ana', 'accept', null],
    ['ana', 'read', null],
    ['ana', 'write', null],
    ['ana', 'read', null],
    ['ana', 'close', 'referred: La Strada hotline'],
    ['mira', 'open', null],
  ]);
  // each entry is timed, and reading the log is itself recorded
  expect(audit.body.entries.every((e: DeskAuditEntry) => e.at === s.clock.now())).toBe(true);
  const all: DeskAuditEntry[] = (await mira.get('/console/api/audit')).body.entries;
  expect(all[0]).toMatchObject({ actor: 'mira', action: 'audit_read' });
  expect(all.map((e) => e.action)).toEqual(expect.arrayContaining(['sign_in', 'quick_replies_seeded']));
  // what anyone wrote or shared is never in the audit log
  const table = JSON.stringify(s.haven.db.prepare('SELECT * FROM audit_log').all());
  for (const text of ['passport', 'Is someone there', 'I am here', 'adult']) expect(table).not.toContain(text);
});

test('who sees what: another caseworker neither sees nor takes an accepted handoff; a supervisor sees all', async () => {
  const { ana, bob, mira } = await desk();
  s.waitingPerson('p1');
  s.waitingPerson('p2');
  const [h1, h2] = (await ana.get('/console/api/handoffs')).body.handoffs.map((h: DeskQueueItem) => h.id);
  await ana.post(`/console/api/handoffs/${h1}/accept`);
  // Bob sees the waiting one only
  expect((await bob.get('/console/api/handoffs')).body.handoffs.map((h: DeskQueueItem) => h.id)).toEqual([h2]);
  for (const [method, p, body] of [
    ['GET', `/console/api/handoffs/${h1}`, undefined],
    ['GET', `/console/api/handoffs/${h1}/messages`, undefined],
    ['POST', `/console/api/handoffs/${h1}/accept`, undefined],
    ['POST', `/console/api/handoffs/${h1}/messages`, { text: 'hi' }],
    ['POST', `/console/api/handoffs/${h1}/close`, { outcome: 'no_response' }],
  ] as const) {
    const a = await bob.request(method, p, body ? { body } : {});
    expect([method, p, a.status]).toEqual([method, p, 404]);
  }
  // two caseworkers accepting the same one: the second is told it is taken
  const race = await Promise.all([bob.post(`/console/api/handoffs/${h2}/accept`), mira.post(`/console/api/handoffs/${h2}/accept`)]);
  expect(race.map((a) => a.status).sort()).toEqual([200, 409]);
  // the supervisor sees both, with who has each
  const all: DeskQueueItem[] = (await mira.get('/console/api/handoffs')).body.handoffs;
  expect(all.map((h) => h.caseworker?.firstName).sort()).toEqual(['Ana', race[0]!.status === 200 ? 'Bob' : 'Mira'].sort());
  expect((await mira.get(`/console/api/handoffs/${h1}/messages`)).status).toBe(200);
  // nothing about unknown or malformed ids
  expect((await ana.get('/console/api/handoffs/nope')).status).toBe(404);
  expect((await ana.get('/console/api/handoffs/..%2F..')).status).toBe(400);
});

test('bad input gets a clear error and changes nothing', async () => {
  const { ana } = await desk();
  s.waitingPerson('p1');
  const id = (await ana.get('/console/api/handoffs')).body.handoffs[0].id;
  await ana.post(`/console/api/handoffs/${id}/accept`);
  const before = s.haven.handoffs.messages(id).length;
  const cases: [unknown, number, string][] = [
    [{ text: '' }, 400, 'invalid_request'],
    [{ text: '   ' }, 400, 'invalid_request'],
    [{ text: 'x'.repeat(2001) }, 400, 'invalid_request'],
    [{ text: 'bell\u0007' }, 400, 'invalid_request'],
    [{}, 400, 'invalid_request'],
  ];
  for (const [body, status, code] of cases) {
    const a = await ana.post(`/console/api/handoffs/${id}/messages`, body);
    expect([status, code]).toEqual([a.status, a.body.error.code]);
  }
  const broken = await ana.request('POST', `/console/api/handoffs/${id}/messages`, { headers: { 'Content-Type': 'application/json' }, body: undefined });
  expect(broken.status).toBe(400);
  const notJson = await fetch(`${s.url}/console/api/handoffs/${id}/messages`, {
    method: 'POST',
    headers: { Cookie: ana.cookie!, 'X-CSRF-Token': ana.csrf!, Origin: s.url, 'Content-Type': 'application/json' },
    body: '{"text": ',
  });
  expect(notJson.status).toBe(400);
  const answer: DeskError = JSON.parse(await notJson.text());
  expect(answer.error.code).toBe('bad_json');
  expect((await ana.post(`/console/api/handoffs/${id}/close`, { outcome: 'solved' })).status).toBe(400);
  expect(s.haven.handoffs.messages(id).length).toBe(before);
  expect(s.haven.handoffs.get(id)!.status).toBe('active');
});

test('a person\'s DELETE during the chat ends and erases the handoff; the desk says it is gone', async () => {
  const { ana } = await desk();
  s.waitingPerson('p1', { message: 'my boss has my passport' });
  const id = (await ana.get('/console/api/handoffs')).body.handoffs[0].id;
  await ana.post(`/console/api/handoffs/${id}/accept`);
  s.turn('p1', { type: 'text', text: 'delete' });
  expect((await ana.get(`/console/api/handoffs/${id}`)).status).toBe(404);
  expect((await ana.get('/console/api/handoffs')).body.handoffs).toEqual([]);
  expect(JSON.stringify(s.haven.db.prepare('SELECT * FROM handoffs').all())).not.toContain('passport');
});
