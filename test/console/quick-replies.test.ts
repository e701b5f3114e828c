/**
 * Quick replies are stored per language: a new deployment gets a few in each of its languages,
 * caseworkers read the ones in the person's language, supervisors write them, and every change
 * is in the audit log.
 */
import { createConsole } from '../../src/console';
import { consoleSettings } from '../../src/console/settings';
import { createLogger } from '../../src/server/logger';
import { readSettings } from '../../src/server/settings';
import { consoleFiles, consoleInsights, startConsoleServer, type ConsoleServer } from './console-harness';

let s: ConsoleServer;
afterEach(() => s?.stop());

test('the first start adds the default replies in every language, once', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const ana = s.client();
  await ana.signIn('ana');
  const en: DeskQuickReply[] = (await ana.get('/console/api/quick-replies?lang=en')).body.quickReplies;
  const ar: DeskQuickReply[] = (await ana.get('/console/api/quick-replies?lang=ar')).body.quickReplies;
  expect(en.map((r) => r.title)).toEqual(['Hello', 'Safe now?', 'Take your time', 'Helpline', 'Goodbye']);
  expect(ar).toHaveLength(5);
  expect(ar[0]).toMatchObject({ lang: 'ar', title: 'ترحيب' });
  // deleting them all does not bring them back at the next start
  s.haven.db.prepare('DELETE FROM quick_replies').run();
  const restarted = createConsole({ db: s.haven.db, handoffs: s.haven.handoffs, insights: consoleInsights(s.haven), texts: s.haven.engine.texts, log: createLogger('silent') }, readSettings(consoleSettings, {}), {
    files: consoleFiles(),
  });
  expect(restarted.deps.quickReplies.count()).toBe(0);
});

test('supervisors add, change and delete replies; each change is audited; bad input is refused', async () => {
  s = await startConsoleServer();
  await s.addAccount('mira', 'supervisor');
  const mira = s.client();
  await mira.signIn('mira');
  const made = await mira.post('/console/api/quick-replies', { lang: 'ar', title: 'مرحبا', body: 'أهلًا بك، أنا هنا.' });
  expect(made.status).toBe(201);
  const id = made.body.quickReply.id;
  expect((await mira.put(`/console/api/quick-replies/${id}`, { lang: 'ar', title: 'مرحبا', body: 'أهلًا، أنا هنا لمساعدتك.', position: 9 })).body.quickReply).toMatchObject({
    body: 'أهلًا، أنا هنا لمساعدتك.',
    position: 9,
  });
  const ar: DeskQuickReply[] = (await mira.get('/console/api/quick-replies?lang=ar')).body.quickReplies;
  expect(ar.at(-1)).toMatchObject({ id, title: 'مرحبا' });
  expect((await mira.delete(`/console/api/quick-replies/${id}`)).status).toBe(204);
  expect((await mira.delete(`/console/api/quick-replies/${id}`)).status).toBe(404);
  for (const bad of [
    { lang: 'xx', title: 't', body: 'b' },
    { lang: 'en', title: '', body: 'b' },
    { lang: 'en', title: 't'.repeat(61), body: 'b' },
    { lang: 'en', title: 't', body: 'b'.repeat(1001) },
    { lang: 'en', title: 't' },
  ]) {
    expect((await mira.post('/console/api/quick-replies', bad)).status).toBe(400);
  }
  const changes = s.console.deps.audit.list({ limit: 20 }).map((e) => e.action).filter((a) => a.startsWith('quick_reply'));
  expect(changes.reverse()).toEqual(['quick_reply_create', 'quick_reply_update', 'quick_reply_delete']);
});
