/**
 * Countries by ISO 3166-1 alpha-2 code, named in the user's language by Intl.DisplayNames
 * (CLDR: every language Node knows), and recognised when typed in any shipped language.
 */
import { nameKey } from './names';

/** Region codes CLDR names that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA']);
/** Languages whose names for countries are recognised when typed (plus the country's own). */
const TYPED_LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru', 'pl', 'de', 'tr', 'fa'];

let codes: string[] | undefined;
/** Every country code CLDR can name. */
export function countryCodes(): string[] {
  if (!codes) {
    const en = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    codes = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        if (NOT_COUNTRIES.has(code)) continue;
        try {
          // Old or alias codes (UK, SU, YU) canonicalise to another code: skip them.
          if (en.of(code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`) codes.push(code);
        } catch {
          // not a region code
        }
      }
    }
  }
  return codes;
}

const displayNames = new Map<string, Intl.DisplayNames>();
/** A country's name in `lang`; the code if CLDR has none. */
export function countryName(code: string, lang: string): string {
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang, 'en'], { type: 'region' });
    displayNames.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

let byName: Map<string, string> | undefined;
/** The country code a typed name means ("Polska", "Польща", "بولندا", "pl"), or null. */
export function countryFromText(text: string): string | null {
  if (!byName) {
    byName = new Map();
    for (const lang of TYPED_LANGUAGES) {
      const short = new Intl.DisplayNames([lang], { type: 'region', style: 'short' });
      for (const code of countryCodes()) {
        byName.set(nameKey(countryName(code, lang)), code);
        const abbreviated = short.of(code);
        if (abbreviated) byName.set(nameKey(abbreviated), code);
      }
    }
    // Names people also use, that CLDR gives differently.
    const extra: Record<string, string> = { 'polska': 'PL', 'deutschland': 'DE', 'ukraina': 'UA', 'usa': 'US', 'uk': 'GB', 'great britain': 'GB', 'england': 'GB' };
    for (const [name, code] of Object.entries(extra)) byName.set(name, code);
  }
  const key = nameKey(text);
  if (/^[a-z]{2}$/.test(key) && countryCodes().includes(key.toUpperCase())) return key.toUpperCase();
  return byName.get(key) ?? null;
}

/** Codes sorted by their names in `lang`, as a person scanning a list expects. */
export function sortByName(codes: readonly string[], lang: string): string[] {
  const collator = new Intl.Collator(lang);
  return [...codes].sort((a, b) => collator.compare(countryName(a, lang), countryName(b, lang)));
}
