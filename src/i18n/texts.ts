import i18next, { type i18n } from 'i18next';
import type { Texts } from '../engine/texts';
import type { InterruptName } from '../engine/types';
import { interruptNames } from '../flows/schema';
import { isRtl } from './language';
import { type LocaleFile, toResources } from './locales';

export const INTERRUPTS_NS = 'interrupts';

/** i18next behind the engine's `Texts` interface. */
export function createTexts(files: readonly LocaleFile[], languages: readonly string[]): Texts {
  const [fallback = 'en'] = languages;
  const resources = toResources(files);
  const namespaces = [...new Set(files.map((f) => f.ns))];
  const instance: i18n = i18next.createInstance();
  void instance.init({
    resources,
    lng: fallback,
    fallbackLng: fallback,
    supportedLngs: [...languages],
    ns: namespaces,
    defaultNS: 'common',
    initAsync: false,
    // Channels escape for their own medium (HTML in the web chat, none on Telegram).
    interpolation: { escapeValue: false },
    returnNull: false,
    returnEmptyString: false,
  });

  const fixed = new Map(languages.map((l) => [l, instance.getFixedT(l)]));
  // Most texts have no interpolation: render each once per language and keep it. i18next's t()
  // costs microseconds per call, which dominated the engine's turn time. Bounded by the number
  // of keys × languages in the locale files; texts with {{values}}, $t() nesting or a count
  // are rendered every time.
  const rendered = new Map<string, string | null>();

  function renderNow(lang: string, ns: string, key: string, values: Record<string, unknown> | undefined): string | null {
    // With a count, only plural forms (key_one, key_other...) may exist, so ask with it.
    const count = values?.['count'];
    if (!instance.exists(key, count === undefined ? { lng: lang, ns } : { lng: lang, ns, count: Number(count) })) return null;
    const t = fixed.get(lang) ?? fixed.get(fallback)!;
    const out = t(key, values ? { ...values, ns } : { ns });
    return typeof out === 'string' ? out : null;
  }

  return {
    languages,
    render(lang, ns, key, values) {
      if (values !== undefined && 'count' in values) return renderNow(lang, ns, key, values);
      const cacheKey = `${lang}\u0000${ns}\u0000${key}`;
      const hit = rendered.get(cacheKey);
      if (hit !== undefined) return hit;
      const raw = instance.getResource(lang, ns, key) ?? instance.getResource(fallback, ns, key);
      const isStatic = raw === undefined || (typeof raw === 'string' && !raw.includes('{{') && !raw.includes('$t('));
      const out = renderNow(lang, ns, key, isStatic ? undefined : values);
      if (isStatic) rendered.set(cacheKey, out);
      return out;
    },
    dir: (lang) => (isRtl(lang) ? 'rtl' : 'ltr'),
    interruptWords() {
      const words = Object.fromEntries(interruptNames.map((n) => [n, [] as string[]])) as Record<
        InterruptName,
        string[]
      >;
      for (const f of files) {
        if (f.ns !== INTERRUPTS_NS || !languages.includes(f.lng)) continue;
        for (const name of interruptNames) {
          const list = f.data[name];
          if (Array.isArray(list)) for (const w of list) if (typeof w === 'string') words[name].push(w);
        }
      }
      return words;
    },
  };
}
