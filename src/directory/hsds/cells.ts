/**
 * How one cell of an HSDS table is read, whether it came from a CSV (always a string) or from
 * HSDS JSON (a string, number, boolean or null). An empty cell is "not given" (null). Each
 * reader is a zod schema, so the messages name what was expected and what was found.
 */
import { z } from 'zod';

export type CellValue = string | number | null;

const isBlank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

const shown = (v: unknown): string => JSON.stringify(typeof v === 'string' && v.length > 40 ? `${v.slice(0, 40)}…` : v);

/** Limits on free text, so one bad file cannot fill the database. */
export const MAX_TEXT = 4000;
export const MAX_SHORT = 300;

function cell<T extends CellValue>(required: boolean, read: (v: unknown, ctx: z.RefinementCtx) => T | typeof z.NEVER) {
  return z.unknown().transform((v, ctx): T | null => {
    if (isBlank(v)) {
      if (required) {
        ctx.addIssue({ code: 'custom', message: 'is required' });
        return z.NEVER;
      }
      return null;
    }
    return read(v, ctx);
  });
}

export function text(o: { required?: boolean; max?: number } = {}) {
  const max = o.max ?? MAX_TEXT;
  return cell<string>(o.required ?? false, (v, ctx) => {
    if (typeof v !== 'string' && typeof v !== 'number') {
      ctx.addIssue({ code: 'custom', message: `expected text, got ${shown(v)}` });
      return z.NEVER;
    }
    const s = String(v).trim();
    if (s.length > max) {
      ctx.addIssue({ code: 'custom', message: `is longer than ${max} characters` });
      return z.NEVER;
    }
    return s;
  });
}

/** An identifier: HSDS recommends UUIDs; any short id without spaces is accepted. */
export function id(o: { required?: boolean } = {}) {
  return cell<string>(o.required ?? false, (v, ctx) => {
    const s = typeof v === 'number' ? String(v) : v;
    if (typeof s !== 'string' || !/^[A-Za-z0-9._:\-]{1,100}$/.test(s.trim())) {
      ctx.addIssue({ code: 'custom', message: `is not an id (letters, digits, . _ : -; up to 100): ${shown(v)}` });
      return z.NEVER;
    }
    return s.trim();
  });
}

export function number(o: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}) {
  return cell<number>(o.required ?? false, (v, ctx) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v) ? Number(v) : NaN;
    const what = o.integer ? 'a whole number' : 'a number';
    if (!Number.isFinite(n) || (o.integer && !Number.isInteger(n))) {
      ctx.addIssue({ code: 'custom', message: `expected ${what}, got ${shown(v)}` });
      return z.NEVER;
    }
    if ((o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
      ctx.addIssue({ code: 'custom', message: `must be between ${o.min} and ${o.max}, got ${n}` });
      return z.NEVER;
    }
    return n;
  });
}

/** true/false (also yes/no, 1/0), stored as 1/0. */
export function boolean() {
  return cell<number>(false, (v, ctx) => {
    if (v === true || v === 1) return 1;
    if (v === false || v === 0) return 0;
    const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
    if (['true', 'yes', '1'].includes(s)) return 1;
    if (['false', 'no', '0'].includes(s)) return 0;
    ctx.addIssue({ code: 'custom', message: `expected true or false, got ${shown(v)}` });
    return z.NEVER;
  });
}

export function oneOf(values: readonly string[], o: { required?: boolean } = {}) {
  return cell<string>(o.required ?? false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : v;
    if (typeof s !== 'string' || !values.includes(s)) {
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}; got ${shown(v)}` });
      return z.NEVER;
    }
    return s;
  });
}

/** A calendar date, YYYY-MM-DD (a full ISO date-time is cut to its date). */
export function date(o: { required?: boolean } = {}) {
  return cell<string>(o.required ?? false, (v, ctx) => {
    const m = typeof v === 'string' ? /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(v) : null;
    const ok = m && !Number.isNaN(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)) && +m[2]! >= 1 && +m[2]! <= 12 && +m[3]! >= 1 && +m[3]! <= 31;
    if (!m || !ok) {
      ctx.addIssue({ code: 'custom', message: `expected a date like 2026-03-31, got ${shown(v)}` });
      return z.NEVER;
    }
    return `${m[1]}-${m[2]}-${m[3]}`;
  });
}

/** A time of day HH:MM, optionally with seconds and an offset (HSDS allows 09:00-05:00); kept as given. */
export function timeOfDay() {
  return cell<string>(false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : '';
    if (!/^([01]\d|2[0-4]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/.test(s) || (s.startsWith('24') && !/^24:00/.test(s))) {
      ctx.addIssue({ code: 'custom', message: `expected a time like 09:00 or 17:30, got ${shown(v)}` });
      return z.NEVER;
    }
    return s;
  });
}

/**
 * A schedule's time zone. HSDS 3.0 gives a UTC offset in hours (a number); Haven also accepts
 * an IANA zone name (Europe/Warsaw), which stays right across summer time.
 */
export function timeZone() {
  return cell<CellValue>(false, (v, ctx) => {
    if (typeof v === 'number' || (typeof v === 'string' && /^\s*[-+]?\d{1,2}(\.\d+)?\s*$/.test(v))) {
      const n = Number(v);
      if (n >= -12 && n <= 14) return n;
    } else if (typeof v === 'string' && isIanaZone(v.trim())) return v.trim();
    ctx.addIssue({ code: 'custom', message: `expected a UTC offset in hours (e.g. 1) or a zone name (e.g. Europe/Warsaw), got ${shown(v)}` });
    return z.NEVER;
  });
}

export function isIanaZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+\-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Two capital letters, ISO 3166-1 alpha-2. */
export function countryCode(o: { required?: boolean } = {}) {
  return cell<string>(o.required ?? false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim().toUpperCase() : '';
    if (!/^[A-Z]{2}$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `expected a two-letter ISO 3166 country code like PL, got ${shown(v)}` });
      return z.NEVER;
    }
    return s;
  });
}

/** An ISO 639 language code (two or three letters, optionally with a region: pt-BR). */
export function languageCode() {
  return cell<string>(false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : '';
    if (!/^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(s)) {
      ctx.addIssue({ code: 'custom', message: `expected a language code like uk or ar, got ${shown(v)}` });
      return z.NEVER;
    }
    return s.toLowerCase();
  });
}

export function url() {
  return cell<string>(false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : '';
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(s).protocol);
    } catch {
      ok = false;
    }
    if (!ok || s.length > MAX_SHORT) {
      ctx.addIssue({ code: 'custom', message: `expected a web address starting with https://, got ${shown(v)}` });
      return z.NEVER;
    }
    return s;
  });
}

export function email() {
  return cell<string>(false, (v, ctx) => {
    const s = typeof v === 'string' ? v.trim() : '';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) || s.length > MAX_SHORT) {
      ctx.addIssue({ code: 'custom', message: `expected an email address, got ${shown(v)}` });
      return z.NEVER;
    }
    return s;
  });
}
