/**
 * National lines: the emergency number, child helpline and anti-trafficking hotline of each
 * country in Haven's reference table (`directory/national/helplines.csv`), offered whenever
 * nothing is within reach. None is ever marked verified: a row that says so is refused.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ALL_DAYS, DAY_CODES, DAY_MINUTES, minutesOf, type OpeningRule } from './time/opening-hours';
import { isIanaZone } from './hsds/cells';
import { nationalLinesFile } from './paths';

/** Kinds of line the table holds; `child_protection` stands in where a country has no child helpline. */
export const NATIONAL_KINDS = ['emergency', 'child_helpline', 'anti_trafficking', 'child_protection'] as const;
export type NationalKind = (typeof NATIONAL_KINDS)[number];

export interface NationalLine {
  country: string;
  kind: NationalKind;
  name: string;
  /** key in the `directory` namespace naming a generic line in the user's language */
  nameKey: string | null;
  phones: string[];
  website: string | null;
  rules: OpeningRule[];
  zone: string | null;
  languages: string[];
  minAge: number | null;
  maxAge: number | null;
  status: 'unverified' | 'unverified-old' | 'unverified-weak';
  source: string | null;
  /** the source's year, shown as "last checked" */
  sourceYear: string | null;
}

const list = (s: string) => s.split(';').map((p) => p.trim()).filter(Boolean);
const blankToNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** "24/7", or days and times: "MO-SA 10:00-20:00", "MO,WE 09:00-12:00". */
export function parseHoursSpec(spec: string): OpeningRule[] | null {
  const s = spec.trim();
  if (s === '') return [];
  if (s === '24/7') return [{ d: ALL_DAYS, o: 0, c: DAY_MINUTES }];
  const m = /^([A-Z,-]+) (\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(s);
  if (!m) return null;
  let mask = 0;
  for (const part of m[1]!.split(',')) {
    const [a, b] = part.split('-');
    const from = DAY_CODES.indexOf(a as (typeof DAY_CODES)[number]);
    const to = b === undefined ? from : DAY_CODES.indexOf(b as (typeof DAY_CODES)[number]);
    if (from < 0 || to < 0 || to < from) return null;
    for (let d = from; d <= to; d++) mask |= 1 << d;
  }
  const o = minutesOf(m[2]!);
  const c = minutesOf(m[3]!);
  return o === null || c === null ? null : [{ d: mask, o, c }];
}

const Row = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code'),
    category: z.enum(NATIONAL_KINDS),
    name: z.string().min(1),
    name_key: z.string().regex(/^([a-z_]+)?$/),
    phones: z.string(),
    website: z.string().refine((s) => s === '' || /^https:\/\//.test(s), 'an https:// address or empty'),
    hours: z.string().refine((s) => parseHoursSpec(s) !== null, 'hours must be "24/7", "MO-FR 09:00-17:00" or empty'),
    timezone: z.string().refine((s) => s === '' || isIanaZone(s), 'a time zone name like Europe/Warsaw'),
    languages: z.string(),
    min_age: z.string().regex(/^\d*$/),
    max_age: z.string().regex(/^\d*$/),
    // Never "verified": the reference is second-hand; a deployment confirms numbers in its own directory.
    status: z.enum(['unverified', 'unverified-old', 'unverified-weak'], { message: 'must be unverified, unverified-old or unverified-weak (never verified)' }),
    source: z.string(),
    source_year: z.string().regex(/^(\d{4})?$/),
    note: z.string(),
  })
  .strict();

/** Read and check the table; throws naming the row and field on any problem. */
export function readNationalLines(file: string): NationalLine[] {
  const records: Record<string, string>[] = parse(fs.readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true });
  return records.map((r, i) => {
    const parsed = Row.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${file}:${i + 2}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
    }
    const v = parsed.data;
    return {
      country: v.country,
      kind: v.category,
      name: v.name,
      nameKey: blankToNull(v.name_key),
      phones: list(v.phones),
      website: blankToNull(v.website),
      rules: parseHoursSpec(v.hours) ?? [],
      zone: blankToNull(v.timezone),
      languages: list(v.languages),
      minAge: v.min_age === '' ? null : Number(v.min_age),
      maxAge: v.max_age === '' ? null : Number(v.max_age),
      status: v.status,
      source: blankToNull(v.source),
      sourceYear: blankToNull(v.source_year),
    };
  });
}

export class NationalLines {
  private readonly byCountry = new Map<string, NationalLine[]>();

  constructor(readonly lines: readonly NationalLine[]) {
    for (const l of lines) {
      const list = this.byCountry.get(l.country) ?? [];
      list.push(l);
      this.byCountry.set(l.country, list);
    }
  }

  countries(): string[] {
    return [...this.byCountry.keys()].sort();
  }

  /**
   * What to offer in `country` when nothing is near: the emergency number, the child helpline
   * (or the child-protection line where there is no helpline) and the anti-trafficking hotline,
   * the kind asked for first.
   */
  fallback(country: string, asked: string | null): NationalLine[] {
    const lines = this.byCountry.get(country) ?? [];
    const has = (k: NationalKind) => lines.some((l) => l.kind === k);
    const offered = lines.filter((l) => l.kind !== 'child_protection' || !has('child_helpline'));
    const rank = (l: NationalLine) => {
      const kind = l.kind === 'child_protection' ? 'child_helpline' : l.kind;
      if (kind === asked) return 0;
      return 1 + ['emergency', 'child_helpline', 'anti_trafficking'].indexOf(kind);
    };
    return offered.map((l, i) => ({ l, i })).sort((a, b) => rank(a.l) - rank(b.l) || a.i - b.i).map(({ l }) => l);
  }
}

let shipped: NationalLines | undefined;
export function shippedNationalLines(): NationalLines {
  return (shipped ??= new NationalLines(readNationalLines(nationalLinesFile())));
}
