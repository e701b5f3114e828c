/// <reference lib="dom" />
/**
 * The console end to end in Debian's Chromium (headless, driven by playwright-core) against a
 * real server on a random port with a real SQLite file and the real handoff core: a caseworker
 * signs in, sees a waiting request appear live, opens it, accepts it, chats with the person,
 * uses a quick reply and closes with an outcome; keyboard use, focus, live regions, contrast,
 * right to left in Arabic, no external requests and no CSP violation; supervisors' screens.
 * People are played on the handoff core's test channel; console-channels.e2e.test.ts has them
 * on the web chat (a second browser context) and on Telegram.
 */
import type { Browser, Page } from 'playwright-core';
import { cspViolations, hasBrowser, launchBrowser, lowContrast, visit as visitWith, type Visit } from './console-browser';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './console-harness';

/** Everything the sign-in page loads, in bytes on the wire (about 18 KB today). */
const PAGE_BUDGET = 30 * 1024;
const suite = hasBrowser ? describe : describe.skip;

jest.setTimeout(90_000);

let browser: Browser;
let s: ConsoleServer;
/** The console's address by name: browsers keep Secure cookies from http://localhost (a secure context). */
let base: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  s = await startConsoleServer();
  base = s.url.replace('127.0.0.1', 'localhost');
  await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
});

const visit = (locale?: string): Promise<Visit> => visitWith(browser, locale);

async function signIn(page: Page, username: string, path = '/console'): Promise<void> {
  await page.goto(base + path);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.locator('#view-queue').waitFor();
}

const said = (key: string) => (s.inbox.get(`addr-${key}`) ?? []).map((o) => o.text);

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('caseworker console in a browser', () => {
  test('sign in, a request appears live, open, accept, chat both ways, quick reply, close with an outcome', async () => {
    const { context, page, requests } = await visit();
    await signIn(page, 'ana');
    await expectText(page, '#queue-count', 'Nobody is waiting.');
    expect(await page.title()).toBe('Caseworker console');

    // A person asks for a caseworker: the queue shows it without a reload, and the tab says so.
    s.waitingPerson('p1', { message: 'They took my passport' });
    const item = page.locator('#queue-list .queue-item').first();
    await item.waitFor();
    await expectText(page, '#queue-count', 'Waiting: 1');
    await page.waitForFunction(() => document.title === '(1) Caseworker console');
    await expectText(page, '#status', 'A new request is waiting.');
    expect(await item.textContent()).toContain('English');

    // Open it: the summary they agreed to share.
    await item.click();
    await expectText(page, '#summary', 'They took my passport');
    const summary = (await page.locator('#summary').textContent()) ?? '';
    expect(summary).toContain('An adult, about themselves');
    expect(summary).toContain('Poland');
    await page.waitForFunction(() => document.activeElement?.id === 'handoff-heading');

    // Accept: the person is told Ana's first name and title; the reply box takes focus.
    await page.locator('#accept').click();
    await until(() => said('p1').includes('Ana, social worker, has joined the chat. You can write to them now.'));
    await page.locator('#composer').waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'reply');
    await page.keyboard.type('Hello, I am Ana. Are you safe now?');
    await page.keyboard.press('Enter');
    await until(() => said('p1').includes('Ana: Hello, I am Ana. Are you safe now?'));
    await page.locator('#transcript .msg.caseworker', { hasText: 'Are you safe now?' }).waitFor();

    // The person answers: it appears in the live log, marked in their language.
    s.turn('p1', { type: 'text', text: 'Yes, for now. My boss has my passport.' });
    const reply = page.locator('#transcript .msg.person', { hasText: 'My boss has my passport.' });
    await reply.waitFor();
    expect(await reply.locator('.text').getAttribute('lang')).toBe('en');
    expect(await page.locator('#transcript').getAttribute('role')).toBe('log');
    expect(await page.locator('#transcript').getAttribute('aria-live')).toBe('polite');

    // A quick reply in the person's language goes into the box, to edit or send.
    await page.locator('#quick-list button', { hasText: 'Helpline' }).click();
    expect(await page.locator('#reply').inputValue()).toContain('helpline');
    await page.locator('#composer button[type="submit"]').click();
    await until(() => said('p1').some((t) => t?.includes('helpline near you')));

    // Close with a referral to a named service; the person is told, the desk shows the outcome.
    await page.locator('input[name="outcome"][value="referred"]').check();
    await page.locator('#close-form button[type="submit"]').click();
    await expectText(page, '#close-error', 'Name the service you referred them to.');
    await page.locator('#referred-to').fill('La Strada hotline');
    await page.locator('#close-form button[type="submit"]').click();
    await until(() => said('p1').includes('Ana has ended the chat. Thank you for talking with us.'));
    await expectText(page, '#handoff-state', 'Closed: Referred to a service: La Strada hotline');
    await page.waitForFunction(() => document.title === 'Caseworker console');

    // Every step is in the audit log.
    const id = s.console.deps.audit.list({ limit: 50 }).find((e) => e.action === 'close')!.handoffId!;
    const steps = s.console.deps.audit.list({ handoffId: id, limit: 50 }).map((e) => e.action).reverse();
    expect(steps).toEqual(['open', 'accept', 'read', 'write', 'write', 'close', 'open']);

    // Same origin only, and the Content Security Policy was never violated.
    expect(requests.map((r) => new URL(r.url()).origin).filter((o) => o !== base)).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    // The session cookie is HttpOnly, Secure, SameSite=Strict and unreadable by the page.
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '__Host-haven_console', httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await context.close();
  });

  test('keyboard only: sign in, reach the queue, accept; focus is always visible; text contrast is AA', async () => {
    const { context, page } = await visit();
    await page.goto(base + '/console');
    // focus starts in the username; before it come the language menu and the skip link
    await page.locator('#username').waitFor();
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('username');
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('language');
    await page.keyboard.press('Shift+Tab');
    await expect(page.evaluate(() => document.activeElement?.className)).resolves.toBe('skip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await lowContrast(page)).toEqual([]);
    await page.keyboard.type('ana');
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('#view-queue').waitFor();
    s.waitingPerson('k1');
    const item = page.locator('#queue-list .queue-item').first();
    await item.waitFor();
    await item.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'handoff-heading');
    // Tab on to the accept button: a thick outline and a yellow background show where focus is
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement?.id === 'accept');
    }
    expect(found).toBe(true);
    const ring = await page.evaluate(() => {
      const st = getComputedStyle(document.activeElement!);
      return { outline: st.outlineStyle, width: parseFloat(st.outlineWidth), background: st.backgroundColor };
    });
    expect(ring).toMatchObject({ outline: 'solid', background: 'rgb(255, 221, 0)' });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(await lowContrast(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.locator('#composer').waitFor();
    s.turn('k1', { type: 'text', text: 'hello' });
    await page.locator('#transcript .msg.person').waitFor();
    expect(await lowContrast(page)).toEqual([]);
    // the queue's count is a live region, so a new request is announced
    expect(await page.locator('#queue-count').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#status').getAttribute('role')).toBe('status');
    await context.close();
  });

  test('in Arabic the console is right to left and in Arabic; the person\'s language is named', async () => {
    const { context, page } = await visit('ar');
    await page.goto(base + '/console');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await page.locator('#sign-in-heading').textContent()).toBe('تسجيل الدخول إلى لوحة الأخصائيين');
    await page.locator('#username').fill('ana');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password').press('Enter');
    await page.locator('#view-queue').waitFor();
    s.waitingPerson('a1', { lang: 'ar', message: 'أحتاج إلى مساعدة' });
    const item = page.locator('#queue-list .queue-item').filter({ hasText: 'العربية' }).first();
    await item.waitFor();
    await item.click();
    await expectText(page, '#summary', 'أحتاج إلى مساعدة');
    // the interface switches language by reloading in it, signed in still (this server ships en and ar)
    await page.locator('#language').selectOption('en');
    await page.waitForURL(/lang=en/);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await page.locator('#view-queue').waitFor();
    expect(await page.locator('#queue-heading').textContent()).toBe('Queue');
    await page.locator('#queue-list .queue-item', { hasText: 'Arabic' }).first().waitFor();
    await context.close();
  });

  test('a supervisor reads the audit log and creates an account whose password is shown once', async () => {
    const { context, page } = await visit();
    await signIn(page, 'mira');
    await page.locator('nav button[data-view="audit"]').click();
    await page.locator('#audit-list tr').first().waitFor();
    const rows = await page.locator('#audit-list tr').allTextContents();
    expect(rows.some((r) => r.includes('ana') && r.includes('Accepted a request'))).toBe(true);
    expect(rows.some((r) => r.includes('ana') && r.includes('Closed a request') && r.includes('referred: La Strada hotline'))).toBe(true);
    await page.locator('nav button[data-view="accounts"]').click();
    await page.locator('#new-username').fill('noor');
    await page.locator('#new-first-name').fill('Noor');
    await page.locator('#new-title').fill('counsellor');
    await page.locator('#account-form button[type="submit"]').click();
    const shown = page.locator('#one-time code');
    await shown.waitFor();
    const password = (await shown.textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9_-]{20}$/);
    await expectText(page, '#accounts-list', 'noor');
    // the new account signs in with it
    const fresh = s.client();
    expect((await fresh.signIn('noor', password)).status).toBe(200);
    // a caseworker's console has no supervisor screens
    const other = await visit();
    await signIn(other.page, 'ana');
    expect(await other.page.locator('nav button[data-view="audit"]').isVisible()).toBe(false);
    await other.context.close();
    await context.close();
  });

  test('the page is small: everything it loads before sign-in is under the budget, gzipped', async () => {
    const { context, page, requests } = await visit();
    await page.goto(base + '/console');
    await page.locator('#username').waitFor();
    let bytes = 0;
    for (const r of requests) bytes += (await r.sizes()).responseBodySize;
    expect(requests.map((r) => new URL(r.url()).pathname).sort()).toEqual(['/console', '/console/console.css', '/console/console.js', '/console/icon.svg']);
    expect(bytes).toBeLessThan(PAGE_BUDGET);
    await context.close();
  });

  test('signing out elsewhere (or being disabled) brings the console back to the sign-in form', async () => {
    const { context, page } = await visit();
    await signIn(page, 'ana');
    await page.locator('#sign-out').click();
    await page.locator('#view-sign-in').waitFor();
    await expectText(page, '#sign-in-error', 'You are signed out.');
    // a reload does not bring the desk back
    await page.reload();
    await page.locator('#view-sign-in').waitFor();
    // while signed in, the console opened from a bookmark (a new tab) is the desk, no new sign-in
    await signIn(page, 'ana');
    const tab = await context.newPage();
    await tab.goto(base + '/console');
    await tab.locator('#view-queue').waitFor();
    expect(await tab.locator('#view-sign-in').isVisible()).toBe(false);
    await context.close();
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector, { hasText: text }).first().waitFor({ timeout: 20_000 });
}
