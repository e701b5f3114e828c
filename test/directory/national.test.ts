/** National lines: only what the reference supports, never marked verified, "last checked" shown. */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { nationalCard } from '../../src/directory/cards';
import { NationalLines, readNationalLines, shippedNationalLines } from '../../src/directory/national';
import { nationalLinesFile, repoRoot } from '../../src/directory/paths';
import { shippedTexts, tmpDir } from './support';

const REFERENCE = path.join(repoRoot(), '..', 'shared', 'reference', 'helplines.csv');
const digits = (s: string) => s.replace(/\([^)]*\)/g, '').split(';').map((p) => p.replace(/\D/g, '')).filter(Boolean);

describe('the national table', () => {
  const lines = shippedNationalLines().lines;
  const reference: Record<string, string>[] = parse(fs.readFileSync(REFERENCE, 'utf8'), { columns: true });

  test('no line is marked verified', () => {
    expect(lines.length).toBeGreaterThan(30);
    for (const l of lines) expect(['unverified', 'unverified-old', 'unverified-weak']).toContain(l.status);
  });

  test('every number comes from the reference row of the same country and kind', () => {
    for (const l of lines) {
      const rows = reference.filter((r) => r['country'] === l.country && r['category'] === l.kind);
      const known = rows.flatMap((r) => digits(r['phone'] ?? ''));
      for (const phone of l.phones.flatMap(digits)) expect({ line: `${l.country} ${l.name}`, phone, known: known.includes(phone) }).toMatchObject({ known: true });
      const years = rows.map((r) => r['source_year']).filter(Boolean);
      if (l.sourceYear) expect(years).toContain(l.sourceYear);
    }
  });

  test('every emergency number, child helpline and anti-trafficking hotline of the reference is offered', () => {
    const wanted = reference.filter((r) => ['emergency', 'child_helpline', 'anti_trafficking'].includes(r['category'] ?? ''));
    for (const r of wanted) {
      const ours = lines.filter((l) => l.country === r['country'] && l.kind === r['category']).flatMap((l) => l.phones.flatMap(digits));
      for (const phone of digits(r['phone'] ?? '')) expect({ row: `${r['country']} ${r['service']}`, phone, offered: ours.includes(phone) }).toMatchObject({ offered: true });
    }
    const countries = new Set(reference.map((r) => r['country']));
    expect(new Set(shippedNationalLines().countries())).toEqual(countries);
  });

  test('what the reference leaves UNCONFIRMED is not shipped', () => {
    expect(lines.filter((l) => l.country === 'DE' && l.kind === 'anti_trafficking')).toEqual([]);
    expect(lines.filter((l) => l.country === 'MX' && l.kind === 'child_helpline')).toEqual([]);
    expect(lines.some((l) => l.country === 'DE' && l.phones.some((p) => digits(p).includes('110')))).toBe(false);
  });

  test('a row marked verified is refused', () => {
    const file = path.join(tmpDir(), 'lines.csv');
    const text = fs.readFileSync(nationalLinesFile(), 'utf8').split('\n');
    text[1] = text[1]!.replace('unverified-old', 'verified');
    fs.writeFileSync(file, text.join('\n'));
    expect(() => readNationalLines(file)).toThrow(/lines\.csv:2: status must be unverified, unverified-old or unverified-weak \(never verified\)/);
  });
});

describe('the fallback offered when nothing is near', () => {
  const national = shippedNationalLines();

  test('emergency, child helpline, anti-trafficking; the kind asked for first', () => {
    expect(national.fallback('UA', null).map((l) => l.kind)).toEqual(['emergency', 'child_helpline', 'anti_trafficking']);
    expect(national.fallback('UA', 'anti_trafficking').map((l) => l.kind)).toEqual(['anti_trafficking', 'emergency', 'child_helpline']);
    expect(national.fallback('TH', null).map((l) => l.kind)).toEqual(['emergency', 'child_protection']);
    expect(national.fallback('ZZ', null)).toEqual([]);
  });

  test('cards show the source year as "last checked", are never verified, and name generic lines in the user language', () => {
    const texts = shippedTexts();
    const at = Date.UTC(2026, 10, 23, 10, 0); // Monday 12:00 in Kyiv
    const [emergency, child] = new NationalLines(national.fallback('UA', null)).lines;
    const e = nationalCard(emergency!, 'uk', texts, at);
    expect(e).toMatchObject({ name: 'Номер екстреної допомоги', phones: ['112', '102 (police)'], verified: false, national: true, openNow: true, address: null, geo: null });
    const c = nationalCard(child!, 'fr', texts, at);
    expect(c).toMatchObject({ name: 'La Strada National Child Hotline', lastChecked: '2015', verified: false, openNow: true, languages: ['ukrainien'] });
    expect(c.hours).toBe('lun.–sam. 10:00–20:00');
    expect(nationalCard(child!, 'en', texts, Date.UTC(2026, 10, 22, 10)).openNow).toBe(false); // Sunday
  });
});
