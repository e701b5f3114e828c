/**
 * locales/STATUS.md marks every translation as drafted or reviewed by a native speaker. This
 * keeps it true: one cell per locale file, no cell without a file, and only the known marks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { shippedContent } from '../support/haven';

const LOCALES = path.join(__dirname, '..', '..', 'locales');
const MARKS = ['source', 'drafted', 'reviewed'];

function table(): { header: string[]; rows: Map<string, string[]> } {
  const lines = fs.readFileSync(path.join(LOCALES, 'STATUS.md'), 'utf8').split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string) => l.split('|').slice(1, -1).map((c) => c.trim());
  const [header, , ...body] = lines;
  return { header: cells(header!).slice(1), rows: new Map(body.map((l) => [cells(l)[0]!, cells(l).slice(1)])) };
}

test('the table has a column for every shipped language, English first as the source', () => {
  const { header, rows } = table();
  expect(header).toEqual([...shippedContent().app.languages]);
  for (const [ns, marks] of rows) expect({ ns, en: marks[0] }).toEqual({ ns, en: 'source' });
});

test('every locale file has its mark, and every mark its file', () => {
  const { header, rows } = table();
  const files = new Set<string>();
  for (const lng of fs.readdirSync(LOCALES)) {
    if (!fs.statSync(path.join(LOCALES, lng)).isDirectory()) continue;
    for (const f of fs.readdirSync(path.join(LOCALES, lng))) if (f.endsWith('.json')) files.add(`${f.slice(0, -5)}/${lng}`);
  }
  const marked = new Set<string>();
  for (const [ns, marks] of rows) {
    marks.forEach((m, i) => {
      expect({ cell: `${ns}/${header[i]}`, mark: MARKS.includes(m) }).toEqual({ cell: `${ns}/${header[i]}`, mark: true });
      marked.add(`${ns}/${header[i]}`);
    });
  }
  expect([...files].filter((f) => !marked.has(f)).sort()).toEqual([]);
  expect([...marked].filter((f) => !files.has(f)).sort()).toEqual([]);
});

test('only English is the source; nothing is marked reviewed without a line saying who reviewed it', () => {
  const { header, rows } = table();
  const text = fs.readFileSync(path.join(LOCALES, 'STATUS.md'), 'utf8');
  const reviews = text.slice(text.indexOf('## Reviews'));
  for (const [ns, marks] of rows) {
    marks.forEach((m, i) => {
      if (i > 0) expect(m).not.toBe('source');
      if (m === 'reviewed') expect(reviews).toMatch(new RegExp(`^${ns}, ${header[i]}: reviewed by .+, \\d{4}-\\d{2}-\\d{2}`, 'm'));
    });
  }
});
