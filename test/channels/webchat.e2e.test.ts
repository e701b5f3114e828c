/**
 * The web chat end to end, as a person uses it: Debian's Chromium (headless, driven by
 * playwright-core) on a real Haven server on a random port with a real SQLite file. Reads the
 * greeting, picks a language, does the starter lesson, leaves with quick exit; Arabic right to
 * left; a 320-pixel screen; a slow 2G link; a blocked stream; a reload; location and cards.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Request } from 'playwright-core';
import type { ServiceCard } from '../../src/engine/types';
import { startWebchat, type WebchatServer } from './webchat-harness';

// The functions given to page.evaluate run in the browser, where these globals exist. Declared
// here only (this file is a module), so the rest of the Node program never sees DOM types.
declare const window: any, document: any, sessionStorage: any, localStorage: any, history: any, navigator: any;
declare function getComputedStyle(e: unknown): any;

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Everything the page loads, in bytes on the wire. */
const PAGE_BUDGET = 50 * 1024;

let browser: Browser;
let server: WebchatServer;

const hasBrowser = fs.existsSync(CHROMIUM);
const suite = hasBrowser ? describe : describe.skip;

const CARDS: ServiceCard[] = [
  {
    id: 'shelter-1',
    name: 'Safe House North',
    category: 'shelter',
    distanceKm: 2.4,
    openNow: true,
    hours: null,
    phones: ['+44 20 7946 0000'],
    website: null,
    languages: ['en', 'uk'],
    address: null, // confidential: phone only
    geo: null,
    verified: true,
    lastChecked: '2026-10-01',
    national: false,
  },
  {
    id: 'legal-1',
    name: 'Advice Centre',
    category: 'shelter',
    distanceKm: 5,
    openNow: false,
    hours: 'Mon–Fri 9:00–17:00',
    phones: ['020 7946 0999'],
    website: 'https://advice.example.org/',
    languages: ['en'],
    address: '1 High Street, London',
    geo: 'geo:51.5,-0.12',
    verified: false,
    lastChecked: null,
    national: false,
  },
];
const searches: { category: string | null; point: unknown }[] = [];

beforeAll(async () => {
  if (!hasBrowser) return;
  server = await startWebchat({
    // A neutral page on the same origin, so the test can look at this origin's storage afterwards.
    env: (url) => ({ HAVEN_QUICK_EXIT_URL: `${url}/readyz` }),
    services: {
      find(query) {
        searches.push({ category: query.category, point: query.point });
        return CARDS;
      },
    },
  });
  // Playwright gives every launch a fresh, temporary --user-data-dir.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const t = (lang: string, ns: string, key: string, values?: Record<string, unknown>) =>
  server.haven.engine.texts.render(lang, ns, key, values) ?? `${ns}:${key}`;

interface Visit {
  context: BrowserContext;
  page: Page;
  /** every request the page made */
  requests: Request[];
}

async function visit(options: BrowserContextOptions = {}, before?: (page: Page) => Promise<void>): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) => window.cspViolations.push(e.violatedDirective));
  });
  if (before) await before(page);
  return { context, page, requests };
}

const log = (page: Page) => page.locator('#log');
const lastBot = (page: Page) => page.locator('#log .msg.bot').last();
const button = (page: Page, name: string) => page.locator('#actions').getByRole('button', { name, exact: true });

async function expectSaid(page: Page, text: string): Promise<void> {
  await page.locator('#log .msg.bot', { hasText: text }).first().waitFor({ timeout: 15_000 });
}

async function sessionToken(page: Page): Promise<string> {
  const token = await page.evaluate(() => sessionStorage.getItem('chat'));
  if (!token) throw new Error('no token in sessionStorage');
  return token;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

suite('web chat in a browser', () => {
  test('a person reads the greeting, picks a language, does the starter lesson and leaves with quick exit', async () => {
    const { context, page, requests } = await visit();
    await page.goto(`${server.url}/healthz`); // the page before: Back must return here, not to the chat
    await page.goto(`${server.url}/`);
    const historyLength = await page.evaluate(() => history.length);

    // The greeting: the language question, as buttons, announced through the live log.
    await expectSaid(page, t('en', 'language', 'choose'));
    await expect(log(page).getAttribute('aria-live')).resolves.toBe('polite');
    await expect(log(page).getAttribute('role')).resolves.toBe('log');
    await button(page, 'English').click();

    await expectSaid(page, t('en', 'onboarding', 'welcome'));
    await button(page, t('en', 'onboarding', 'who_13_17')).click();
    await expectSaid(page, t('en', 'onboarding', 'privacy').split('\n')[0]!);

    // The menu's "learn" choice opens the starter lesson.
    await button(page, t('en', 'menu', 'learn')).click();
    await expectSaid(page, t('en', 'lesson_offers', 'q1'));
    await button(page, t('en', 'common', 'red_flag')).click();
    await expectSaid(page, t('en', 'lesson_offers', 'q2'));
    await button(page, t('en', 'common', 'red_flag')).click();
    await expectSaid(page, t('en', 'lesson_offers', 'q3'));

    // The last answer by keyboard only: focus is on the first new button, visibly.
    await button(page, t('en', 'common', 'red_flag')).waitFor();
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe(t('en', 'common', 'red_flag'));
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement!);
      return { label: document.activeElement!.textContent, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring).toEqual({ label: t('en', 'common', 'looks_ok'), outline: 'solid', width: expect.any(Number) });
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Enter');
    await expectSaid(page, t('en', 'lesson_offers', 'score', { count: 3 }));
    await expectSaid(page, t('en', 'lesson_offers', 'tips'));
    await button(page, t('en', 'menu', 'learn')).waitFor(); // back at the menu

    // One history entry, the token in sessionStorage only, no cookies.
    expect(await page.evaluate(() => history.length)).toBe(historyLength);
    const token = await sessionToken(page);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(await context.cookies()).toEqual([]);
    expect(server.hasSession(token)).toBe(true);

    // Quick exit: the page goes at once, storage is empty, the server has forgotten the session.
    await page.locator('#exit').click();
    await page.waitForURL(`${server.url}/readyz`);
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
    await until(() => !server.hasSession(token));
    const after = await fetch(`${server.url}/api/webchat/messages`, { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status).toBe(401);
    // Back goes to the page before the chat: the chat replaced itself.
    await page.goBack();
    expect(page.url()).toBe(`${server.url}/healthz`);

    // Nothing went to any other origin, and the CSP was never violated.
    expect(requests.map((r) => new URL(r.url()).origin).filter((o) => o !== server.url)).toEqual([]);
    await context.close();
  });

  test('Shift pressed three times leaves too; typing capitals does not', async () => {
    const { context, page } = await visit();
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    const token = await sessionToken(page);
    await page.locator('#text').click();
    for (const key of ['Shift+H', 'Shift+I', 'Shift+J', 'Shift+K']) await page.keyboard.press(key);
    expect(page.url()).toBe(`${server.url}/`);
    expect(await page.locator('#text').inputValue()).toBe('HIJK');

    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(`${server.url}/readyz`);
    expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
    await until(() => !server.hasSession(token));
    await context.close();
  });

  test('Arabic reads right to left, from the browser language and after picking it', async () => {
    // The browser asks for Arabic: the page and the greeting are Arabic, right to left.
    const ar = await visit({ locale: 'ar' });
    await ar.page.goto(`${server.url}/`);
    await expectSaid(ar.page, t('ar', 'language', 'choose'));
    expect(await ar.page.evaluate(() => [document.documentElement.dir, document.documentElement.lang])).toEqual(['rtl', 'ar']);
    const greeting = lastBot(ar.page);
    expect(await greeting.getAttribute('dir')).toBe('rtl');
    expect(await greeting.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    await ar.context.close();

    // An English page; the person picks Arabic: messages and the page's own words turn.
    const { context, page } = await visit();
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await button(page, 'العربية').click();
    await expectSaid(page, t('ar', 'onboarding', 'welcome'));
    const welcome = page.locator('#log .msg.bot', { hasText: t('ar', 'onboarding', 'welcome') });
    expect(await welcome.getAttribute('dir')).toBe('rtl');
    expect(await welcome.getAttribute('lang')).toBe('ar');
    expect(await welcome.evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.locator('#exit').textContent()).resolves.toBe(t('ar', 'webchat', 'exit'));
    expect(await page.title()).toBe(t('ar', 'webchat', 'title'));
    // The first message stays English, left to right.
    expect(await page.locator('#log .msg.bot').first().getAttribute('dir')).toBe('ltr');
    await context.close();
  });

  test('fits a 320-pixel screen with no sideways scrolling, even with text at 200%', async () => {
    const { context, page } = await visit({ viewport: { width: 320, height: 640 } });
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    await button(page, 'English').click();
    await button(page, t('en', 'onboarding', 'who_parent')).click();
    await button(page, t('en', 'menu', 'learn')).waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);

    // Text follows the reader's size (rem units): twice the root size, twice the message size.
    const size = () => lastBot(page).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const before = await size();
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    expect(await size()).toBeCloseTo(before * 2, 0);
    const padding = await lastBot(page).evaluate((e) => parseFloat(getComputedStyle(e).paddingTop));
    expect(padding).toBeCloseTo(0.625 * 32, 0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await context.close();
  });

  test('the whole page is under 50 KB on the wire, sets a strict CSP, no cookies, and keeps to its own origin', async () => {
    const { context, page, requests } = await visit();
    const response = await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    await page.waitForLoadState('load');

    const csp = (await response!.allHeaders())['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

    // Every response the page loaded (the document, style, script, icon and the greeting).
    const finished = requests.filter((r) => !r.url().includes('/api/webchat/events'));
    let bytes = 0;
    for (const r of finished) {
      const s = await r.sizes();
      bytes += s.responseBodySize + s.responseHeadersSize + s.requestBodySize + s.requestHeadersSize;
    }
    expect(finished.length).toBeGreaterThanOrEqual(4);
    expect(bytes).toBeLessThan(PAGE_BUDGET);
    for (const r of requests) {
      expect(new URL(r.url()).origin).toBe(server.url);
      const headers = await (await r.response())?.allHeaders();
      expect(headers?.['set-cookie']).toBeUndefined();
    }
    expect(await context.cookies()).toEqual([]);
    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    await context.close();
  });

  test('works on a slow 2G link', async () => {
    const { context, page } = await visit();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // Roughly "2G": 300 ms each way, 250 kbit/s down, 50 kbit/s up.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 600,
      downloadThroughput: (250 * 1024) / 8,
      uploadThroughput: (50 * 1024) / 8,
    });
    const started = Date.now();
    await page.goto(`${server.url}/`, { timeout: 30_000 });
    await expectSaid(page, t('en', 'language', 'choose'));
    const firstWords = Date.now() - started;
    await button(page, 'Українська').click();
    await expectSaid(page, t('uk', 'onboarding', 'welcome'));
    expect(firstWords).toBeLessThan(15_000);
    await context.close();
  });

  test('falls back to polling when the event stream cannot get through', async () => {
    const { context, page, requests } = await visit({}, async (p) => {
      await p.route('**/api/webchat/events**', (r) => r.abort());
    });
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    await button(page, 'Español').click();
    await expectSaid(page, t('es', 'onboarding', 'welcome'));
    await button(page, t('es', 'onboarding', 'who_adult')).click();
    await expectSaid(page, t('es', 'menu', 'main'));
    await until(() => requests.some((r) => /\/api\/webchat\/messages\?after=\d+&wait=25/.test(r.url())), 20_000);
    await context.close();
  });

  test('a reload carries on the same conversation', async () => {
    const { context, page } = await visit();
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    await button(page, 'Français').click();
    await expectSaid(page, t('fr', 'onboarding', 'who'));
    const token = await sessionToken(page);

    await page.reload();
    await expectSaid(page, t('fr', 'onboarding', 'who'));
    expect(await sessionToken(page)).toBe(token);
    await button(page, t('fr', 'onboarding', 'who_13_17')).click();
    await expectSaid(page, t('fr', 'menu', 'main'));
    await context.close();
  });

  test('location is asked for only after a tap, the alternatives stay, and services show as cards', async () => {
    const { context, page } = await visit({ permissions: ['geolocation'], geolocation: { latitude: 51.50735, longitude: -0.12776 } });
    await page.addInitScript(() => {
      window.locateCalls = 0;
      const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
      navigator.geolocation.getCurrentPosition = (ok: unknown, fail: unknown, o: unknown) => {
        window.locateCalls++;
        real(ok, fail, o);
      };
    });
    const calls = () => page.evaluate(() => window.locateCalls);
    await page.goto(`${server.url}/`);
    await button(page, 'English').click();
    await button(page, t('en', 'onboarding', 'who_adult')).click();
    await button(page, t('en', 'menu', 'find_help')).click();
    await button(page, t('en', 'find_help', 'cat_shelter')).click();
    await expectSaid(page, t('en', 'find_help', 'where'));

    // The request: a share button, the flow's alternatives, and a line about typing a place.
    await button(page, t('en', 'webchat', 'share_location')).waitFor();
    await button(page, t('en', 'find_help', 'skip')).waitFor();
    await expect(page.locator('#actions .hint').textContent()).resolves.toBe(t('en', 'webchat', 'location_or_type'));
    expect(await calls()).toBe(0);

    await button(page, t('en', 'webchat', 'share_location')).click();
    await page.locator('.card').first().waitFor({ timeout: 15_000 });
    expect(await calls()).toBe(1);
    expect(searches.at(-1)).toEqual({ category: 'shelter', point: { lat: 51.507, lon: -0.128 } });

    const cards = page.locator('.card');
    expect(await cards.count()).toBe(2);
    const [hidden, open] = [cards.nth(0), cards.nth(1)];
    await expect(hidden.locator('h2').textContent()).resolves.toBe('Safe House North');
    await expect(hidden.locator('a[href^="tel:"]').getAttribute('href')).resolves.toBe('tel:+442079460000');
    await expect(hidden.textContent()).resolves.toContain(t('en', 'cards', 'address_private'));
    await expect(hidden.textContent()).resolves.toContain(t('en', 'cards', 'open_now'));
    expect(await hidden.locator('a[href^="geo:"]').count()).toBe(0);
    await expect(open.locator('a[href^="geo:"]').getAttribute('href')).resolves.toBe('geo:51.5,-0.12');
    await expect(open.locator('a[href^="tel:"]').getAttribute('href')).resolves.toBe('tel:02079460999');
    await expect(open.textContent()).resolves.toContain('1 High Street, London');
    await expect(open.textContent()).resolves.toContain(t('en', 'cards', 'not_verified'));
    await expect(open.textContent()).resolves.toContain(t('en', 'cards', 'closed_now'));
    await expectSaid(page, t('en', 'find_help', 'results'));
    await context.close();
  });

  test('text over 4 KB is stopped on the page, and the page colours pass WCAG AA', async () => {
    const { context, page, requests } = await visit();
    await page.goto(`${server.url}/`);
    await expectSaid(page, t('en', 'language', 'choose'));
    const posts = () => requests.filter((r) => r.method() === 'POST' && r.url().endsWith('/messages')).length;
    await page.locator('#text').fill('x'.repeat(5000));
    await page.keyboard.press('Enter');
    await expect(page.locator('#status').textContent()).resolves.toBe(t('en', 'webchat', 'too_long'));
    expect(posts()).toBe(0);

    // Contrast of every visible text against its background (4.5:1), buttons and status included.
    const worst = await page.evaluate(() => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r = 0, g = 0, b = 0]: number[]) =>
        [r, g, b]
          .map((v) => v / 255)
          .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
          .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
      const background = (e: any): number[] => {
        for (; e; e = e.parentElement) {
          const c = rgb(getComputedStyle(e).backgroundColor);
          if (c.length < 4 || c[3]! > 0) return c;
        }
        return [255, 255, 255];
      };
      let min = { ratio: 99, text: '' };
      for (const e of Array.from<any>(document.querySelectorAll('.bar *, #log *, #actions *, #status, .composer *'))) {
        const style = getComputedStyle(e);
        if (!e.textContent?.trim() || style.visibility === 'hidden' || e.offsetParent === null) continue;
        if (e.classList.contains('sr-only')) continue;
        const [a, b] = [lum(rgb(style.color)), lum(background(e))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < min.ratio) min = { ratio, text: e.textContent.slice(0, 40) };
      }
      return min;
    });
    expect(worst.ratio).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });
});
