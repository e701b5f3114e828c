/**
 * Every console route refuses what it must, found by walking the router's own stack (a route
 * added later is checked without touching this test): without a session, 401; with a session
 * but from another site (a foreign Origin, or Sec-Fetch-Site: cross-site) or without the CSRF
 * token, 403; a supervisor's route with a caseworker's session, 403. The few public routes (the
 * page shell, its files and the sign-in) are named here, and checked for what they must do.
 */
import type { Router } from 'express';
import { PASSWORD, startConsoleServer, type ConsoleClient, type ConsoleServer } from './console-harness';

let s: ConsoleServer;
let worker: ConsoleClient;
let boss: ConsoleClient;
let handoffId: string;

/** The routes that need no session, and why. */
const PUBLIC = new Set(['GET /', 'GET /console.css', 'GET /console.js', 'GET /icon.svg', 'POST /api/sign-in']);

interface Walked {
  method: string;
  path: string;
}

/** Every route registered on the router, read from express's own stack. */
function walk(router: Router): Walked[] {
  const out: Walked[] = [];
  for (const layer of router.stack) {
    const route = layer.route;
    if (!route) continue;
    // express keeps a route's methods as { get: true, ... } (not in its type declarations)
    const methods: unknown = Reflect.get(route, 'methods');
    if (typeof methods !== 'object' || methods === null) throw new Error(`route ${route.path} has no methods`);
    for (const [method, on] of Object.entries(methods)) {
      if (on === true && method !== '_all') out.push({ method: method.toUpperCase(), path: String(route.path) });
    }
  }
  return out;
}

/** A concrete URL for a route pattern, with real ids where it has parameters. */
function concrete(p: string): string {
  return '/console' + p.replace(':id', p.startsWith('/api/handoffs') ? handoffId : p.startsWith('/api/quick-replies') ? '1' : 'someone');
}

const BODY = { text: 'hello', outcome: 'advice_given', lang: 'en', title: 't', body: 'b', username: 'x', firstName: 'X', role: 'caseworker', roleTitle: 't', current: 'a', next: 'b' };

beforeAll(async () => {
  s = await startConsoleServer();
  await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  worker = s.client();
  boss = s.client();
  expect((await worker.signIn('ana')).status).toBe(200);
  expect((await boss.signIn('mira')).status).toBe(200);
  s.waitingPerson('p1');
  handoffId = s.haven.handoffs.list({ id: 'x', firstName: 'x', role: 'supervisor', roleTitle: 'x' })[0]!.id;
});
afterAll(() => s.stop());

test('the walk finds every declared route, and the declared list names each one\'s access', () => {
  const walked = walk(s.console.router).map((r) => `${r.method} ${r.path}`);
  const declared = s.console.routes().map((r) => `${r.method.toUpperCase()} ${r.path}`);
  expect(walked.sort()).toEqual([...declared].sort());
  expect(walked.length).toBeGreaterThanOrEqual(20);
  for (const r of s.console.routes()) expect([`${r.method.toUpperCase()} ${r.path}`, r.access === 'public']).toEqual([`${r.method.toUpperCase()} ${r.path}`, PUBLIC.has(`${r.method.toUpperCase()} ${r.path}`)]);
});

test('every non-public route: 401 without a session, 403 cross-site or without the CSRF token', async () => {
  const routes = walk(s.console.router).filter((r) => !PUBLIC.has(`${r.method} ${r.path}`));
  for (const r of routes) {
    const url = concrete(r.path);
    const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : BODY;
    const name = `${r.method} ${r.path}`;
    const result = async (o: Parameters<ConsoleClient['request']>[2]) => [name, (await boss.request(r.method, url, { ...o, ...(body ? { body } : {}) })).status];
    // no session at all (and no token): signed out
    expect(await result({ cookie: null, csrf: null })).toEqual([name, 401]);
    // a made-up or expired session cookie: signed out
    expect(await result({ cookie: '__Host-haven_console=' + 'A'.repeat(43) })).toEqual([name, 401]);
    // a session, but not the session's CSRF token
    expect(await result({ csrf: null })).toEqual([name, 403]);
    expect(await result({ csrf: 'B'.repeat(43) })).toEqual([name, 403]);
    // a session and its token, from another site
    expect(await result({ origin: 'https://evil.example' })).toEqual([name, 403]);
    expect(await result({ origin: null, headers: { 'Sec-Fetch-Site': 'cross-site' } })).toEqual([name, 403]);
  }
});

test('state-changing routes also refuse a request with no Origin header at all', async () => {
  const changing = walk(s.console.router).filter((r) => r.method !== 'GET' && !PUBLIC.has(`${r.method} ${r.path}`));
  expect(changing.length).toBeGreaterThan(8);
  for (const r of changing) {
    const a = await boss.request(r.method, concrete(r.path), { origin: null, ...(r.method === 'DELETE' ? {} : { body: BODY }) });
    expect([`${r.method} ${r.path}`, a.status]).toEqual([`${r.method} ${r.path}`, 403]);
  }
});

test('supervisor routes refuse a caseworker\'s session with 403', async () => {
  const supervisorOnly = s.console.routes().filter((r) => r.access === 'supervisor');
  expect(supervisorOnly.map((r) => `${r.method} ${r.path}`)).toEqual(
    expect.arrayContaining(['get /api/audit', 'get /api/accounts', 'post /api/accounts', 'post /api/quick-replies', 'put /api/quick-replies/:id', 'delete /api/quick-replies/:id']),
  );
  for (const r of supervisorOnly) {
    const a = await worker.request(r.method.toUpperCase(), concrete(r.path), r.method === 'get' || r.method === 'delete' ? {} : { body: BODY });
    expect([r.path, a.status, a.body.error?.code]).toEqual([r.path, 403, 'forbidden']);
  }
});

test('the sign-in refuses another site and a request without an Origin header', async () => {
  const fresh = s.client();
  expect((await fresh.request('POST', '/console/api/sign-in', { body: { username: 'ana', password: 'x' }, origin: 'https://evil.example' })).status).toBe(403);
  expect((await fresh.request('POST', '/console/api/sign-in', { body: { username: 'ana', password: 'x' }, origin: null })).status).toBe(403);
  expect((await fresh.request('POST', '/console/api/sign-in', { body: { username: 'ana', password: 'x' }, headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
});

test('the page shell holds no session for a request from another site, and the files hold no data', async () => {
  const own = await boss.get('/console/');
  expect(own.status).toBe(200);
  expect(own.body).toContain(boss.csrf);
  const cross = await boss.request('GET', '/console/', { headers: { 'Sec-Fetch-Site': 'cross-site' } });
  expect(cross.status).toBe(200);
  expect(cross.body).not.toContain(boss.csrf);
  expect(cross.body).toContain('"me":null');
  const sameSite = await boss.request('GET', '/console/', { headers: { 'Sec-Fetch-Site': 'same-site' } });
  expect(sameSite.body).not.toContain(boss.csrf);
  const bookmark = await boss.request('GET', '/console/', { headers: { 'Sec-Fetch-Site': 'none' } });
  expect(bookmark.body).toContain(boss.csrf);
  const anonymous = await boss.request('GET', '/console/', { cookie: null });
  expect(anonymous.body).toContain('"csrf":null');
  for (const f of ['/console/console.css', '/console/console.js', '/console/icon.svg']) {
    const a = await boss.request('GET', f, { cookie: null });
    expect([f, a.status]).toEqual([f, 200]);
  }
});

test('every console response carries the strict security headers', async () => {
  for (const p of ['/console/', '/console/console.js', '/console/api/handoffs', '/console/api/nothing-here']) {
    const a = await boss.get(p);
    expect(a.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(a.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('referrer-policy')).toBe('no-referrer');
  }
  expect((await boss.get('/console/api/handoffs')).headers.get('cache-control')).toBe('no-store');
});

test('with HAVEN_CONSOLE_ORIGIN set, only that origin may change anything (a proxy in front)', async () => {
  const behind = await startConsoleServer({ HAVEN_CONSOLE_ORIGIN: 'https://help.example.org' });
  try {
    await behind.addAccount('ana');
    const c = behind.client();
    // the browser's Origin is the public address, not the one the server listens on
    expect((await c.request('POST', '/console/api/sign-in', { body: { username: 'ana', password: PASSWORD }, origin: behind.url })).status).toBe(403);
    const signed = await c.request('POST', '/console/api/sign-in', { body: { username: 'ana', password: PASSWORD }, origin: 'https://help.example.org' });
    expect(signed.status).toBe(200);
    c.csrf = signed.body.csrf;
    c.cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0] ?? null;
    expect((await c.request('POST', '/console/api/sign-out', { origin: 'https://help.example.org.evil.example' })).status).toBe(403);
    expect((await c.request('POST', '/console/api/sign-out', { origin: 'https://help.example.org' })).status).toBe(204);
  } finally {
    await behind.stop();
  }
});
