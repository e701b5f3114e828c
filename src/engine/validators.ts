/**
 * Named validators for free-text questions. A validator turns what the user typed into the
 * value its question asks for, or null. Only that value is kept: `number` and `age` go into
 * the session; `short_text` lives for the current turn only (it is the user's own words).
 */
import { toAsciiDigits } from './normalize';

export const MAX_SHORT_TEXT = 280; // one screen on a small phone; longer text is asked again

export interface Validator {
  /** where the value lives: the session, or this turn only */
  keep: 'session' | 'turn';
  parse(text: string, bounds: { min?: number; max?: number }): number | string | null;
}

const NUMBER = /-?\d+(?:[.,]\d+)?/;

function parseNumber(text: string, bounds: { min?: number; max?: number }): number | null {
  const m = NUMBER.exec(toAsciiDigits(text));
  if (!m) return null;
  const value = Number(m[0].replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  if (bounds.min !== undefined && value < bounds.min) return null;
  if (bounds.max !== undefined && value > bounds.max) return null;
  return value;
}

export const validators = {
  number: { keep: 'session', parse: parseNumber },
  age: {
    keep: 'session',
    parse(text, bounds) {
      const value = parseNumber(text, { min: bounds.min ?? 0, max: bounds.max ?? 120 });
      return value === null || !Number.isInteger(value) ? null : value;
    },
  },
  short_text: {
    keep: 'turn',
    parse(text, bounds) {
      const value = text.trim().replace(/\s+/g, ' ');
      const max = Math.min(bounds.max ?? MAX_SHORT_TEXT, MAX_SHORT_TEXT);
      return value.length === 0 || value.length > max ? null : value;
    },
  },
} satisfies Record<string, Validator>;

export type ValidatorName = keyof typeof validators;
export const validatorNames = Object.keys(validators) as [ValidatorName, ...ValidatorName[]];
