/// <reference lib="dom" />
/**
 * The supervisors' dashboard in Debian's Chromium against a real server (real SQLite file, the
 * insights core counting): figures, tables and inline-SVG bars; small counts read "fewer than
 * 10" and get no bar; a period is chosen; the CSV downloads with the same suppression; the view
 * in all six languages, right to left in Arabic; no external request, no CSP violation, AA
 * contrast; caseworkers have no Insights.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cspViolations, hasBrowser, launchBrowser, lowContrast, visit as visitWith, type Visit } from './console-browser';
import { PASSWORD, startConsoleServer, type ConsoleServer } from './console-harness';

const suite = hasBrowser ? describe : describe.skip;
const ROOT = path.join(__dirname, '..', '..');
const LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru'];
const words = (lng: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', lng, 'console.json'), 'utf8'));

jest.setTimeout(90_000);

let browser: Browser;
let s: ConsoleServer;
/** the shipped flows in all six languages */
let shipped: ConsoleServer;
let base: string;
let today: string;

beforeAll(async () => {
  if (!hasBrowser) return;
  s = await startConsoleServer();
  base = s.url.replace('127.0.0.1', 'localhost');
  await s.addAccount('ana');
  await s.addAccount('mira', 'supervisor');
  today = new Date(s.clock.now()).toISOString().slice(0, 10);
  for (let i = 0; i < 11; i++) s.waitingPerson(`p${i}`);
  const count = s.haven.insights.count.bind(s.haven.insights);
  count('help_searched', 'shelter', 'pl', 12);
  count('help_searched', 'legal_aid', 'de', 3);
  count('quiz_right', 'main', 'who', 30);
  count('quiz_wrong', 'main', 'who', 10);
  count('interrupt', 'emergency', 'ar', 4);
  shipped = await startConsoleServer({}, { shipped: true });
  await shipped.addAccount('mira', 'supervisor');
  shipped.haven.insights.count('help_searched', 'shelter', 'pl', 12);
  shipped.haven.insights.count('help_searched', 'legal_aid', 'de', 3);
  shipped.haven.insights.count('quiz_right', 'lesson_offers', 'c1', 20);
  shipped.haven.insights.count('quiz_wrong', 'lesson_offers', 'c1', 10);
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await s?.stop();
  await shipped?.stop();
});

const visit = (locale?: string): Promise<Visit> => visitWith(browser, locale);

async function openInsights(page: Page, username = 'mira', lang?: string, at = base): Promise<void> {
  await page.goto(`${at}/console${lang ? `?lang=${lang}` : ''}`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('#password').press('Enter');
  await page.locator('#view-queue').waitFor();
  await page.locator('nav button[data-view="insights"]').click();
  await page.locator('#insights-help table').first().waitFor();
}

/** The row of a table under a section whose first cell is `label`: its cells' text, and whether it has a drawn bar. */
async function row(page: Page, section: string, label: string): Promise<{ cells: string[]; bars: number }> {
  const tr = page.locator(`#${section} tbody tr`, { has: page.locator('th', { hasText: label }) }).first();
  return { cells: (await tr.locator('th, td').allTextContents()).map((t) => t.trim()), bars: await tr.locator('svg.chart-bar rect.fill').count() };
}

suite('supervisors\' dashboard in a browser', () => {
  test('figures, tables and bars; small counts read "fewer than 10" and get no bar; no external request, no CSP violation, AA contrast', async () => {
    const { context, page, requests } = await visit();
    await openInsights(page);
    expect(await page.locator('#insights-heading').textContent()).toBe('Insights');
    expect(await page.locator('#insights-intro').textContent()).toContain('A count under 10 is shown as “fewer than 10”');
    // the period shown by default: the last 30 days, filled into the form
    expect(await page.locator('#insights-to').inputValue()).toBe(today);

    expect(await row(page, 'insights-help', 'Shelter')).toEqual({ cells: ['Shelter', '12'], bars: 1 });
    expect(await row(page, 'insights-help', 'Legal aid')).toEqual({ cells: ['Legal aid', 'fewer than 10'], bars: 0 });
    // bar lengths are the counts against the largest in the table (12 shelters, 11 child helplines)
    const widths = await page.locator('#insights-help table').first().locator('svg.chart-bar rect.fill').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width')).toFixed(1)));
    expect(widths).toEqual(['100.0', ((11 / 12) * 100).toFixed(1)]);
    expect(await page.locator('#insights-help table').first().locator('tbody tr').first().locator('th').textContent()).toBe('Shelter');
    expect(await row(page, 'insights-handoffs', 'English')).toEqual({ cells: ['English', '11'], bars: 1 });
    expect(await row(page, 'insights-emergencies', 'Arabic')).toEqual({ cells: ['Arabic', 'fewer than 10'], bars: 0 });
    // a quiz scenario: right, wrong, the share wrong with its two-part bar
    const quiz = await page.locator('#insights-quiz tbody tr').first().locator('th, td').allTextContents();
    expect(quiz).toEqual(['MainWho?', '30', '10', '25%']);
    expect(await page.locator('#insights-quiz svg.chart-bar rect.wrong').count()).toBe(1);
    // the figures: the help total (11 child helplines, 12 shelters, 3 legal aid) would reveal the 3, so it is "at least 23"
    const figures = await page.locator('.figures .figure').allTextContents();
    expect(figures).toContain('Searches for help' + 'at least 23');
    expect(figures).toContain('Requests to talk to a person' + '11');
    // flows started per day: one column per day
    expect(await page.locator('svg.columns rect').count()).toBe(30);
    // no small number anywhere in the figures and tables
    const text = (await page.locator('#insights-body .figures, #insights-body table').allTextContents()).join(' ');
    expect(text).not.toMatch(/(^|\D)[34](\D|$)/);

    expect(requests.every((r) => new URL(r.url()).host === new URL(base).host)).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    expect(await lowContrast(page, 4.5, '#view-insights')).toEqual([]);
    await context.close();
  });

  test('a period is chosen in the form; a wrong one is refused in words', async () => {
    const { context, page } = await visit();
    await openInsights(page);
    const tomorrow = new Date(s.clock.now() + 86_400_000).toISOString().slice(0, 10);
    await page.locator('#insights-from').fill(tomorrow);
    await page.locator('#insights-to').fill(tomorrow);
    await page.locator('#insights-period button[type="submit"]').click();
    await page.locator('#insights-body .empty').waitFor();
    expect(await page.locator('#insights-body .empty').textContent()).toBe('Nothing was counted in this period.');
    expect(await page.locator('svg.columns rect').count()).toBe(0);
    // the end before the start
    await page.locator('#insights-from').fill(tomorrow);
    await page.locator('#insights-to').fill(today);
    await page.locator('#insights-period button[type="submit"]').click();
    expect(await page.locator('#insights-error').textContent()).toBe('Choose a start date on or before the end date, at most a year apart.');
    // "Last 7 days" (the browser's today is the real one; the counts are at the test clock's)
    await page.locator('#insights-period button[data-days="7"]').click();
    const week = await page.evaluate(() => [new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10), new Date().toISOString().slice(0, 10)]);
    await page.waitForFunction(([from, to]) => document.querySelector('#insights-body .period')?.textContent?.includes(new Date(`${to}T00:00:00Z`).toLocaleDateString('en', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })) && (document.getElementById('insights-from') as HTMLInputElement).value === from, week);
    expect(await page.locator('#insights-error').textContent()).toBe('');
    await context.close();
  });

  test('the CSV downloads with the same suppression', async () => {
    const { context, page } = await visit();
    await openInsights(page);
    await page.locator('#insights-from').fill(today);
    await page.locator('#insights-to').fill(today);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#insights-download').click()]);
    expect(download.suggestedFilename()).toBe(`haven-insights-${today}-to-${today}.csv`);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('day,metric,dim1,dim2,count');
    expect(lines).toContain(`"${today}","help_searched","legal_aid","de","fewer than 10"`);
    expect(lines).toContain(`"${today}","help_searched","shelter","pl",12`);
    for (const l of lines.slice(1)) {
      const count = l.split(',')[4]!;
      if (count !== '"fewer than 10"') expect(Number(count)).toBeGreaterThanOrEqual(10);
    }
    await page.locator('#status', { hasText: 'CSV' }).waitFor();
    expect(await cspViolations(page)).toEqual([]);
    await context.close();
  });

  test.each(LANGUAGES)('the dashboard in %s: its own words, "fewer than 10" in them, bars in reading direction', async (lng) => {
    const w = words(lng);
    const { context, page } = await visit();
    await openInsights(page, 'mira', lng, shipped.url.replace('127.0.0.1', 'localhost'));
    expect(await page.locator('html').getAttribute('lang')).toBe(lng);
    expect(await page.locator('nav button[data-view="insights"]').textContent()).toBe(w['nav_insights']);
    expect(await page.locator('#insights-heading').textContent()).toBe(w['insights_heading']);
    expect(await page.locator('#insights-help h3').first().textContent()).toBe(w['insights_by_category']);
    const ten = await page.evaluate((l) => new Intl.NumberFormat(l).format(10), lng);
    const fewer = w['fewer_than']!.replace('{{min}}', ten);
    expect(await row(page, 'insights-help', w['category_legal_aid']!)).toMatchObject({ cells: [w['category_legal_aid'], fewer], bars: 0 });
    const shelter = await row(page, 'insights-help', w['category_shelter']!);
    expect(shelter.bars).toBe(1);
    // the scenario: the lesson's title and question in this language, from the shipped flows
    const lesson = shipped.haven.engine.texts.render(lng, 'lesson_offers', 'title', undefined)!;
    expect(await page.locator('#insights-quiz tbody .flow-name').first().textContent()).toBe(lesson);
    expect(lesson).not.toBe(lng === 'en' ? '' : shipped.haven.engine.texts.render('en', 'lesson_offers', 'title', undefined));
    // in Arabic the bars grow from the right
    const x = Number(await page.locator('#insights-help svg.chart-bar rect.fill').first().getAttribute('x'));
    const width = Number(await page.locator('#insights-help svg.chart-bar rect.fill').first().getAttribute('width'));
    expect(lng === 'ar' ? x + width : x).toBe(lng === 'ar' ? 100 : 0);
    // no key shown as itself
    const text = (await page.locator('#view-insights').textContent()) ?? '';
    expect(text).not.toMatch(/\b(insights|category|wait|urgency|interrupt|outcome)_[a-z_]+/);
    await context.close();
  });

  test('a caseworker has no Insights, and the API refuses them', async () => {
    const { context, page } = await visit();
    await page.goto(`${base}/console`);
    await page.locator('#username').fill('ana');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password').press('Enter');
    await page.locator('#view-queue').waitFor();
    expect(await page.locator('nav button[data-view="insights"]').isVisible()).toBe(false);
    // reloaded, the page carries the session's CSRF token: the API still says no
    await page.reload();
    await page.locator('#view-queue').waitFor();
    const answer = await page.evaluate(async () => {
      const config = JSON.parse(document.getElementById('console-config')!.textContent!);
      const res = await fetch('/console/api/insights', { headers: { 'X-CSRF-Token': config.csrf } });
      return { status: res.status, body: await res.json() };
    });
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    await context.close();
  });
});
