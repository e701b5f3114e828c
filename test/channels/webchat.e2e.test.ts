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
  // Fail on the element that did not come, well before the test's own time limit.
  context.setDefaultTimeout(12_000);
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
/** The button of a choice, by its id in the flow (labels are content and may change). */
const choice = (page: Page, id: string) => page.locator(`#actions button[value="${id}"]`);

async function expectSaid(page: Page, text: string): Promise<void> {
  await page.locator('#log .msg.bot', { hasText: text }).first().waitFor({ timeout: 15_000 });
}

/**
 * The starter lesson (lesson_offers) from the menu's "learn" choice, through the topic list if
 * there is one, every question answered right (read from the flow, so the test follows the
 * content) with the keyboard only. Returns the score line the lesson should end with.
 */
async function doStarterLesson(page: Page, lang: string): Promise<string> {
  const flow = server.haven.engine.flows.get('lesson_offers')!;
  const questions = new Map<string, string>();
  let scoreKey = '';
  for (const node of Object.values(flow.nodes)) {
    const text = typeof node['text'] === 'string' ? node['text'] : '';
    if (node.kind === 'message' && node['count'] === 'score') scoreKey = text;
    const choices = node['choices'];
    if (node.kind !== 'choice' || !Array.isArray(choices)) continue;
    const right = choices.find((c: unknown) => typeof c === 'object' && c !== null && 'add' in c && 'id' in c);
    if (right && typeof right.id === 'string') questions.set(render(lang, 'lesson_offers', text), right.id);
  }
  const answers = [...new Set(questions.values())];
  await page.locator('#actions button[value="learn"]').click();
  await page.locator(['offers', ...answers].map((id) => `#actions button[value="${id}"]`).join(', ')).first().waitFor();
  const list = page.locator('#actions button[value="offers"]');
  if (await list.count()) await list.click();

  let answered = 0;
  for (;;) {
    await page.locator('#actions button').first().waitFor();
    const asked = (await lastBot(page).textContent()) ?? '';
    const entry = [...questions].find(([text]) => asked.endsWith(text));
    if (!entry) break; // no longer a lesson question: the lesson is done
    answered++;
    // Keyboard only: focus is on the first new button; Tab moves to the answer, with a visible ring.
    const focusedValue = () => page.evaluate(() => document.activeElement?.getAttribute('value') ?? null);
    expect(await focusedValue()).toBe(await page.locator('#actions button').first().getAttribute('value'));
    let tabs = 0;
    for (; (await focusedValue()) !== entry[1]; tabs++) await page.keyboard.press('Tab');
    // The ring shows for keyboard users (:focus-visible), not after a tap or a click.
    if (answered > 1 || tabs > 0) {
      const ring = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), background: style.backgroundColor };
      });
      expect(ring).toEqual({ outline: 'solid', width: expect.any(Number), background: 'rgb(255, 221, 0)' });
      expect(ring.width).toBeGreaterThanOrEqual(2);
    }
    await page.keyboard.press('Enter');
    await page.waitForFunction((before) => {
      const said = document.querySelectorAll('#log .msg.bot');
      return said.length > 0 && said[said.length - 1].textContent !== before && document.querySelector('#actions button');
    }, asked);
  }
  expect(answered).toBeGreaterThanOrEqual(3);
  const [ns, key] = scoreKey.includes(':') ? scoreKey.split(':') : ['lesson_offers', scoreKey];
  return render(lang, ns!, key!, { count: answered, score_total: answered });
}

function render(lang: string, ns: string, key: string, values?: Record<string, unknown>): string {
  const colon = key.indexOf(':');
  return colon > 0 ? t(lang, key.slice(0, colon), key.slice(colon + 1), values) : t(lang, ns, key, values);
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
    await choice(page, 'age_13_17').click();
    await expectSaid(page, t('en', 'onboarding', 'privacy').split('\n')[0]!);

    // The menu's "learn" choice leads to the starter lesson, answered right every time, the
    // last answer by keyboard only.
    const score = await doStarterLesson(page, 'en');
    await expectSaid(page, score);
    await page.locator('#actions button').first().waitFor(); // and then a way on

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
    await page.locator('#text').fill('');

    // Typing and Enter send a message: full use by keyboard.
    await page.keyboard.type('English');
    await page.keyboard.press('Enter');
    await expectSaid(page, t('en', 'onboarding', 'welcome'));

    // What the chat looks like the moment it goes blank, said on the console (the exit site is
    // held back a moment, so the message gets out before the page is replaced).
    let whileLeaving: unknown;
    page.on('console', (m) => {
      if (m.text().startsWith('leaving ')) whileLeaving = JSON.parse(m.text().slice('leaving '.length));
    });
    await page.route(`${server.url}/readyz`, async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await page.evaluate(() => {
      const seen = () => JSON.stringify({ text: document.body.textContent, title: document.title, stored: sessionStorage.length });
      new window.MutationObserver(() => console.log(`leaving ${seen()}`)).observe(document.body, { childList: true });
    });
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL(`${server.url}/readyz`);
    await until(() => whileLeaving !== undefined);
    expect(whileLeaving).toEqual({ text: '', title: '', stored: 0 });
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
    await choice(page, 'parent').click();
    await choice(page, 'learn').waitFor();
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

    // Every response the page loaded (the document, style, script, icon and the greeting), and
    // 1 KB for the event stream, still open: so far it has sent its headers and a retry line.
    const finished = requests.filter((r) => !r.url().includes('/api/webchat/events'));
    let bytes = 1024;
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
    await choice(page, 'adult').click();
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
    await choice(page, 'age_13_17').click();
    await expectSaid(page, t('fr', 'menu', 'main'));
    await context.close();
  });

  test('DELETE clears the screen and the tab; the next message starts a new conversation', async () => {
    const { context, page } = await visit();
    await page.goto(`${server.url}/`);
    await button(page, 'English').click();
    await expectSaid(page, t('en', 'onboarding', 'who'));
    const token = await sessionToken(page);
    await page.locator('#text').fill('DELETE');
    await page.keyboard.press('Enter');
    await expectSaid(page, t('en', 'delete', 'done'));
    // Only the confirmation is left on screen, and nothing in the tab's storage or on the server.
    expect(await page.locator('#log .msg').allTextContents()).toEqual([`${t('en', 'webchat', 'bot_name')}: ${t('en', 'delete', 'done')}`]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(server.hasSession(token)).toBe(false);

    await page.locator('#text').fill('hello');
    await page.keyboard.press('Enter');
    await expectSaid(page, t('en', 'webchat', 'restarted'));
    await expectSaid(page, t('en', 'language', 'choose'));
    expect(await page.locator('#text').inputValue()).toBe('hello'); // kept, to send once the new chat is set up
    expect(await sessionToken(page)).not.toBe(token);
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
    await choice(page, 'adult').click();
    await choice(page, 'find_help').click();
    await choice(page, 'shelter').click();
    await expectSaid(page, t('en', 'find_help', 'where'));

    // The request: a share button, the flow's alternatives, and a line about typing a place.
    await button(page, t('en', 'webchat', 'share_location')).waitFor();
    await choice(page, 'skip').waitFor();
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
