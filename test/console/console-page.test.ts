/**
 * The console page in six languages: every word of the `console` namespace exists in each
 * shipped language (the list in ui-strings.ts is the English file's), Arabic is right to left,
 * every placeholder of the template is filled and escaped, and the JSON block cannot break out
 * of its script element.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConsolePage, ConsoleAssetError, readConsoleAssets } from '../../src/console/console-page';
import { NON_UI_PREFIXES, UI_KEYS } from '../../src/console/ui-strings';
import { DEFAULT_QUICK_REPLIES } from '../../src/console/quick-replies';
import { readLocales } from '../../src/i18n/locales';
import { createTexts } from '../../src/i18n/texts';
import { SHIPPED_LANGUAGES } from '../support/haven';
import { consoleFiles } from './console-harness';

const ROOT = path.join(__dirname, '..', '..');
/** The shipped words, without the flows (the page needs only its own namespace). */
const shippedTexts = () => createTexts(readLocales(path.join(ROOT, 'locales')), SHIPPED_LANGUAGES);
const file = (lng: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(ROOT, 'locales', lng, 'console.json'), 'utf8'));

test('UI_KEYS are exactly the English file\'s page words; the rest are the default replies and the group notice', () => {
  const en = Object.keys(file('en'));
  expect([...UI_KEYS]).toEqual(en.filter((k) => !NON_UI_PREFIXES.some((p) => k.startsWith(p))));
  expect(en.filter((k) => k.startsWith('qr_')).sort()).toEqual(DEFAULT_QUICK_REPLIES.flatMap((n) => [`qr_${n}_title`, `qr_${n}_body`]).sort());
});

test('every shipped language has every key, with the same {{placeholders}}, and no empty text', () => {
  const en = file('en');
  for (const lng of SHIPPED_LANGUAGES) {
    const words = file(lng);
    expect([lng, Object.keys(words).sort()]).toEqual([lng, Object.keys(en).sort()]);
    for (const [k, v] of Object.entries(en)) {
      const vars = (t: string) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect([lng, k, vars(words[k]!)]).toEqual([lng, k, vars(v)]);
      expect([lng, k, words[k]!.trim().length > 0]).toEqual([lng, k, true]);
    }
  }
});

test('the page renders in each language, right to left in Arabic, with nothing left unfilled', () => {
  const texts = shippedTexts();
  const { assets, template } = readConsoleAssets(consoleFiles());
  const page = new ConsolePage(template, texts, assets);
  for (const lng of SHIPPED_LANGUAGES) {
    const html = page.render(lng, null).toString('utf8');
    expect(html).toContain(`<html lang="${lng}" dir="${lng === 'ar' ? 'rtl' : 'ltr'}">`);
    // the words in the JSON block keep their {{placeholders}} for the script; the markup has none left
    expect(html.slice(0, html.indexOf('id="console-config"'))).not.toMatch(/\{\{[\w.]+\}\}/);
    const config: DeskPageConfig = JSON.parse(/<script type="application\/json" id="console-config">(.*)<\/script>/.exec(html)![1]!);
    expect(config).toMatchObject({ lang: lng, me: null, csrf: null, api: '/console/api' });
    expect(config.languages.map((l) => l.code)).toEqual([...SHIPPED_LANGUAGES]);
    expect(config.strings['title']).toBe(file(lng)['title']);
  }
  expect(page.render('uk', null).toString()).toContain('Консоль фахівців');
});

test('what is put in the page is escaped: a hostile name cannot close the JSON block or add markup', () => {
  const texts = shippedTexts();
  const { assets, template } = readConsoleAssets(consoleFiles());
  const page = new ConsolePage(template, texts, assets);
  const html = page
    .render('en', { me: { id: 'x', username: 'a', firstName: '</script><script>alert(1)</script>', role: 'caseworker', roleTitle: '<b>&' }, csrf: 'token' })
    .toString();
  expect(html).not.toContain('</script><script>');
  expect(html).not.toContain('<b>&');
  const config: DeskPageConfig = JSON.parse(/id="console-config">(.*)<\/script>/.exec(html)![1]!);
  expect(config.me!.firstName).toBe('</script><script>alert(1)</script>');
});

test('an unknown placeholder in the template stops start-up with its name', () => {
  const texts = shippedTexts();
  const { assets } = readConsoleAssets(consoleFiles());
  expect(() => new ConsolePage('<p>{{t.no_such_word}}</p>', texts, assets)).toThrow(ConsoleAssetError);
  expect(() => new ConsolePage('<p>{{t.no_such_word}}</p>', texts, assets)).toThrow('{{t.no_such_word}}');
});
