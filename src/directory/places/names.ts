/**
 * Place names as people type them: compared without case, accents, punctuation or Arabic
 * letter variants, so "krakow", "Kraków" and "KRAKÓW" are one name, and so are "كراكوف" and
 * "كراكُوف".
 */

export function nameKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ـ/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const CYRILLIC = /^[\p{Script=Cyrillic}\s'’\-]+$/u;
const ARABIC = /^[\p{Script=Arabic}\s\-]+$/u;
const UKRAINIAN_ONLY = /[іїєґІЇЄҐ]/;
const NOT_UKRAINIAN = /[ыэъёЫЭЪЁўЎјљњћђџЈЉЊЋЂЏ]/;
const NOT_RUSSIAN = /[іїєґўІЇЄҐЎјљњћђџЈЉЊЋЂЏ]/;
// Persian, Urdu and Kurdish letters: a name using them is not the Arabic spelling.
const NOT_ARABIC = /[پچژگکیۀےہںڈٹڑھۆێڤ]/;

/**
 * GeoNames keeps a city's other names untagged; this picks the one most likely to be the
 * spelling in `lang` by its letters (Ukrainian і/ї/є/ґ, Arabic without Persian letters), and
 * falls back to the main name. For languages in Latin script the main name is kept.
 */
export function localName(main: string, alternates: readonly string[], lang: string): string {
  const pick = (ok: (s: string) => boolean) => alternates.find(ok);
  if (lang === 'uk') {
    return pick((s) => CYRILLIC.test(s) && UKRAINIAN_ONLY.test(s) && !NOT_UKRAINIAN.test(s)) ?? pick((s) => CYRILLIC.test(s) && !NOT_UKRAINIAN.test(s)) ?? main;
  }
  if (lang === 'ru') return pick((s) => CYRILLIC.test(s) && !NOT_RUSSIAN.test(s)) ?? main;
  if (lang === 'ar') return pick((s) => ARABIC.test(s) && !NOT_ARABIC.test(s)) ?? main;
  return main;
}
