/**
 * The console's live feed (server-sent events): a queue event on connect and whenever the queue
 * changes, the messages of the viewer's own handoffs, a content-free nudge for supervisors,
 * presence (a caseworker with the console open is "online" for the handoff core), and the end
 * of the stream when the session ends.
 */
import { SYSTEM_VIEWER, startConsoleServer, type ConsoleClient, type ConsoleServer } from './console-harness';

let s: ConsoleServer;
afterEach(() => s?.stop());

/** Read a console stream, collecting its events until told to stop. */
function listen(c: ConsoleClient): { events: DeskEvent[]; closed: Promise<void>; stop(): void; until(f: (e: DeskEvent[]) => boolean): Promise<void> } {
  const events: DeskEvent[] = [];
  const ac = new AbortController();
  const closed = (async () => {
    const res = await fetch(`${c.url}/console/api/events`, { headers: { Cookie: c.cookie!, 'X-CSRF-Token': c.csrf! }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (data) events.push(JSON.parse(data.slice(6)));
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    closed,
    stop: () => ac.abort(),
    async until(f) {
      const end = Date.now() + 5000;
      while (!f(events)) {
        if (Date.now() > end) throw new Error(`timed out; events so far: ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

test('queue and status events for everyone, message text only to the caseworker who has the handoff', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  await s.addAccount('bob');
  await s.addAccount('mira', 'supervisor');
  const [ana, bob, mira] = [s.client(), s.client(), s.client()];
  await ana.signIn('ana');
  await bob.signIn('bob');
  await mira.signIn('mira');
  const [fa, fb, fm] = [listen(ana), listen(bob), listen(mira)];
  for (const f of [fa, fb, fm]) await f.until((e) => e.some((x) => x.type === 'queue'));
  s.waitingPerson('p1');
  for (const f of [fa, fb, fm]) await f.until((e) => e.filter((x) => x.type === 'queue').length >= 2);
  const id = s.haven.handoffs.list(SYSTEM_VIEWER)[0]!.id;
  await ana.post(`/console/api/handoffs/${id}/accept`);
  s.turn('p1', { type: 'text', text: 'are you there?' });
  await fa.until((e) => e.some((x) => x.type === 'message'));
  await fm.until((e) => e.some((x) => x.type === 'activity'));
  await fb.until((e) => e.some((x) => x.type === 'status'));
  const message = fa.events.find((x) => x.type === 'message');
  expect(message).toMatchObject({ type: 'message', handoffId: id, message: { from: 'person', text: 'are you there?' } });
  // Bob has no part in it and the supervisor is only nudged: neither gets the words
  expect(JSON.stringify(fb.events)).not.toContain('are you there');
  expect(JSON.stringify(fm.events)).not.toContain('are you there');
  expect(fm.events.find((x) => x.type === 'activity')).toEqual({ type: 'activity', handoffId: id });
  for (const f of [fa, fb, fm]) f.stop();
});

test('a caseworker with the console open is online; the last one closing it makes nobody available', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const ana = s.client();
  await ana.signIn('ana');
  expect(s.haven.handoffs.available()).toBe(false);
  const tab1 = listen(ana);
  const tab2 = listen(ana);
  await tab1.until((e) => e.length > 0);
  await tab2.until((e) => e.length > 0);
  expect(s.haven.handoffs.available()).toBe(true);
  tab1.stop();
  await tab1.closed;
  await new Promise((r) => setTimeout(r, 100));
  expect(s.haven.handoffs.available()).toBe(true);
  tab2.stop();
  await tab2.closed;
  await waitFor(() => !s.haven.handoffs.available());
});

test('signing out ends the stream with a signed_out event, and the caseworker is no longer online', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const ana = s.client();
  await ana.signIn('ana');
  const feed = listen(ana);
  await feed.until((e) => e.length > 0);
  await ana.post('/console/api/sign-out');
  await feed.until((e) => e.some((x) => x.type === 'signed_out'));
  await feed.closed;
  expect(s.haven.handoffs.available()).toBe(false);
});

async function waitFor(check: () => boolean): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
