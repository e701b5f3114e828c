/**
 * Signing in to the console: the session cookie's flags, the lockout after N wrong passwords
 * for M minutes (even the right password is refused meanwhile), the rate limits per IP and per
 * account, refusals that all look alike, session expiry, sign-out, and what ends sessions
 * (disable, password change). Each step is in the audit log.
 */
import http from 'node:http';
import express from 'express';
import { startConsoleServer, type ConsoleServer, PASSWORD } from './console-harness';

const MINUTE = 60_000;
let s: ConsoleServer;

afterEach(() => s?.stop());

const actions = (srv: ConsoleServer) => srv.console.deps.audit.list({ limit: 100 }).map((e) => e.action).reverse();

test('a sign-in sets an HttpOnly, Secure, SameSite=Strict, __Host- cookie and returns the CSRF token', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const c = s.client();
  const a = await c.signIn('ana');
  expect(a.status).toBe(200);
  expect(a.body.me).toMatchObject({ username: 'ana', firstName: 'Ana', role: 'caseworker', roleTitle: 'social worker' });
  expect(a.body.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const cookie = a.headers.get('set-cookie')!;
  expect(cookie).toMatch(/^__Host-haven_console=[A-Za-z0-9_-]{43}; /);
  for (const flag of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']) expect(cookie).toContain(flag);
  expect(cookie).not.toContain('Domain');
  // the token is stored only as a hash
  const token = cookie.split(';')[0]!.split('=')[1]!;
  expect(JSON.stringify(s.haven.db.prepare('SELECT * FROM console_sessions').all())).not.toContain(token);
  // and the session works
  expect((await c.get('/console/api/handoffs')).status).toBe(200);
});

test('with HAVEN_CONSOLE_INSECURE_COOKIE the cookie has no Secure flag, a warning is logged, and only localhost is answered', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_INSECURE_COOKIE: 'true' });
  await s.addAccount('ana');
  // 127.0.0.1 is localhost
  const c = s.client();
  const a = await c.signIn('ana');
  expect(a.status).toBe(200);
  expect(a.headers.get('set-cookie')).toMatch(/^haven_console=/);
  expect(a.headers.get('set-cookie')).not.toContain('Secure');
  // a request naming another host is refused
  const other = await rawGet(s.url, '/console/api/handoffs', { Host: 'help.example.org', Cookie: c.cookie! });
  expect(other.status).toBe(403);
  expect(JSON.parse(other.body).error.code).toBe('localhost_only');
  s.console.mount(express()); // mounting logs the warning
  expect(s.logs.join('')).toContain('HAVEN_CONSOLE_INSECURE_COOKIE is on');
});

test('wrong passwords lock the account after N tries for M minutes; the right password is refused meanwhile', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_LOCKOUT_FAILURES: '3', HAVEN_CONSOLE_LOCKOUT_MINUTES: '10' });
  await s.addAccount('ana');
  const c = s.client();
  for (let i = 0; i < 2; i++) expect((await c.signIn('ana', 'wrong password!')).status).toBe(401);
  // a success before the limit resets the count
  expect((await c.signIn('ana')).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await c.signIn('ana', 'wrong password!')).status).toBe(401);
  // locked: the right password is refused, with the same answer as a wrong one
  const locked = await c.signIn('ana');
  expect(locked.status).toBe(401);
  expect(locked.body.error.code).toBe('sign_in_failed');
  s.clock.advance(9 * MINUTE);
  expect((await c.signIn('ana')).status).toBe(401);
  s.clock.advance(MINUTE + 1);
  expect((await c.signIn('ana')).status).toBe(200);
  expect(actions(s)).toEqual([
    'quick_replies_seeded',
    'sign_in_failed',
    'sign_in_failed',
    'sign_in',
    'sign_in_failed',
    'sign_in_failed',
    'sign_in_failed',
    'account_locked',
    'sign_in_locked',
    'sign_in_locked',
    'sign_in',
  ]);
});

test('a supervisor\'s password reset lifts a lockout at once', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_LOCKOUT_FAILURES: '2' });
  const ana = await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  const c = s.client();
  await c.signIn('ana', 'nope nope nope');
  await c.signIn('ana', 'nope nope nope');
  expect((await c.signIn('ana')).status).toBe(401);
  const boss = s.client();
  await boss.signIn('mira');
  const reset = await boss.post(`/console/api/accounts/${ana}/reset-password`);
  expect(reset.status).toBe(200);
  expect(reset.body.password).toMatch(/^[A-Za-z0-9_-]{20}$/);
  expect((await c.signIn('ana', reset.body.password)).status).toBe(200);
});

test('unknown usernames, wrong passwords and disabled accounts get the same answer', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const gone = await s.addAccount('old');
  await s.addAccount('mira', 'supervisor');
  s.console.deps.accounts.setDisabled(gone, true, s.clock.now());
  const c = s.client();
  const answers = await Promise.all([c.signIn('nobody'), c.signIn('ana', 'wrong password!'), c.signIn('old')]);
  for (const a of answers) {
    expect(a.status).toBe(401);
    expect(a.body).toEqual(answers[0]!.body);
    expect(a.headers.get('set-cookie')).toBeNull();
  }
  const details = s.console.deps.audit.list({ limit: 10 }).filter((e) => e.action === 'sign_in_failed').map((e) => [e.actor, e.detail]).sort();
  expect(details).toEqual([['(unknown)', 'unknown_username'], ['ana', 'wrong_password'], ['old', 'disabled']]);
});

test('sign-in attempts are limited per IP address and per account (429 with Retry-After)', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_SIGNIN_PER_IP: '6', HAVEN_CONSOLE_SIGNIN_PER_ACCOUNT: '3', HAVEN_CONSOLE_LOCKOUT_FAILURES: '100' });
  await s.addAccount('ana');
  await s.addAccount('bob');
  const c = s.client();
  for (let i = 0; i < 3; i++) expect((await c.signIn('ana', 'wrong password!')).status).toBe(401);
  const perAccount = await c.signIn('ana');
  expect(perAccount.status).toBe(429);
  expect(Number(perAccount.headers.get('retry-after'))).toBeGreaterThan(0);
  // another account from the same address still may, until the address's own limit
  expect((await c.signIn('bob')).status).toBe(200);
  expect((await c.signIn('bob', 'wrong password!')).status).toBe(401);
  const perIp = await c.signIn('bob');
  expect(perIp.status).toBe(429);
  expect(perIp.body.error.code).toBe('rate_limited');
  // the window slides: 15 minutes later the account may try again
  s.clock.advance(15 * MINUTE + 1);
  expect((await c.signIn('ana')).status).toBe(200);
});

test('a session ends after the idle time, and at most the absolute time after sign-in', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_IDLE_MINUTES: '30', HAVEN_CONSOLE_SESSION_HOURS: '2' });
  await s.addAccount('ana');
  const c = s.client();
  await c.signIn('ana');
  // in use every 20 minutes: still signed in after 1 h 40
  for (let i = 0; i < 5; i++) {
    s.clock.advance(20 * MINUTE);
    expect((await c.get('/console/api/handoffs')).status).toBe(200);
  }
  s.clock.advance(20 * MINUTE + 1);
  expect((await c.get('/console/api/handoffs')).status).toBe(401);
  const d = s.client();
  await d.signIn('ana');
  s.clock.advance(31 * MINUTE);
  expect((await d.get('/console/api/handoffs')).status).toBe(401);
  expect(s.haven.db.prepare('SELECT count(*) FROM console_sessions').pluck().get()).toBe(0);
});

test('sign-out ends the session: the cookie no longer works even if kept', async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  const c = s.client();
  await c.signIn('ana');
  const out = await c.post('/console/api/sign-out');
  expect(out.status).toBe(204);
  expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  expect((await c.get('/console/api/handoffs')).status).toBe(401);
  expect(actions(s).slice(-2)).toEqual(['sign_in', 'sign_out']);
});

test('disabling an account or changing a password ends its other sessions', async () => {
  s = await startConsoleServer();
  const ana = await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  const laptop = s.client();
  const phone = s.client();
  await laptop.signIn('ana');
  await phone.signIn('ana');
  const changed = await laptop.post('/console/api/password', { current: PASSWORD, next: 'another long password' });
  expect(changed.status).toBe(204);
  expect((await phone.get('/console/api/handoffs')).status).toBe(401);
  expect((await laptop.get('/console/api/handoffs')).status).toBe(200);
  expect((await phone.signIn('ana')).status).toBe(401);
  expect((await phone.signIn('ana', 'another long password')).status).toBe(200);
  const boss = s.client();
  await boss.signIn('mira');
  expect((await boss.post(`/console/api/accounts/${ana}/disable`)).status).toBe(200);
  expect((await laptop.get('/console/api/handoffs')).status).toBe(401);
  expect((await phone.get('/console/api/handoffs')).status).toBe(401);
  // the last supervisor cannot be disabled, nor can one disable oneself
  const me = s.console.deps.accounts.byUsername('mira')!.id;
  expect((await boss.post(`/console/api/accounts/${me}/disable`)).status).toBe(409);
});

test('a wrong current password when changing it counts towards the lockout', async () => {
  s = await startConsoleServer({ HAVEN_CONSOLE_LOCKOUT_FAILURES: '2' });
  await s.addAccount('ana');
  const c = s.client();
  await c.signIn('ana');
  expect((await c.post('/console/api/password', { current: 'not it at all', next: 'another long password' })).status).toBe(403);
  expect((await c.post('/console/api/password', { current: 'not it at all', next: 'another long password' })).status).toBe(403);
  // locked: signed out everywhere, and the right password is refused for now
  expect((await c.get('/console/api/handoffs')).status).toBe(401);
  expect((await s.client().signIn('ana')).status).toBe(401);
});

/** A GET with headers fetch() will not send (Host). */
function rawGet(base: string, p: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + p, { headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
