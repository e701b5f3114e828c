/**
 * The page's words, in the language it was served in (`locales/<lng>/console.json`), and the
 * formats of that language: times, durations and language names come from the browser's Intl,
 * so they need no translation files.
 */

class Words {
  private readonly languageNames: Intl.DisplayNames | null;
  private readonly regionNames: Intl.DisplayNames | null;

  constructor(
    readonly lang: string,
    private readonly strings: Record<string, string>,
  ) {
    this.languageNames = displayNames(lang, 'language');
    this.regionNames = displayNames(lang, 'region');
  }

  /** A word, with `{{name}}` placeholders filled. */
  t(key: string, values?: Record<string, string | number>): string {
    const text = this.strings[key] ?? key;
    return values ? text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in values ? String(values[name]) : m)) : text;
  }

  /** A word if the namespace has it, else null (for codes that may have no label). */
  maybe(key: string): string | null {
    return this.strings[key] ?? null;
  }

  language(code: string): string {
    try {
      return this.languageNames?.of(code) ?? code;
    } catch {
      return code;
    }
  }

  country(code: string): string {
    try {
      return /^[A-Z]{2}$/i.test(code) ? (this.regionNames?.of(code.toUpperCase()) ?? code) : code;
    } catch {
      return code;
    }
  }

  /** "5 minutes", "1 hour": whole minutes up to two hours, then hours. */
  duration(ms: number): string {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    const [value, unit] = minutes < 120 ? [minutes, 'minute'] : [Math.floor(minutes / 60), 'hour'];
    try {
      return new Intl.NumberFormat(this.lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
    } catch {
      return `${value} ${unit}`;
    }
  }

  time(at: number): string {
    return new Date(at).toLocaleTimeString(this.lang, { hour: '2-digit', minute: '2-digit' });
  }

  dateTime(at: number): string {
    return new Date(at).toLocaleString(this.lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }
}

function displayNames(lang: string, type: 'language' | 'region'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([lang], { type });
  } catch {
    return null;
  }
}
