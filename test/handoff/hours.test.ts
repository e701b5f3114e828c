/** Caseworker hours in the configured time zone, across days and midnight, described per language. */
import { describeHours, isOpen, parseHours } from '../../src/handoff/hours';

const at = (iso: string) => Date.parse(iso);

test('weekday hours in a time zone', () => {
  const h = parseHours('mon-fri 09:00-17:00');
  expect(isOpen(h, at('2026-11-23T08:30:00Z'), 'Europe/Warsaw')).toBe(true); // 09:30 in Warsaw, Monday
  expect(isOpen(h, at('2026-11-23T07:30:00Z'), 'Europe/Warsaw')).toBe(false); // 08:30
  expect(isOpen(h, at('2026-11-23T16:30:00Z'), 'Europe/Warsaw')).toBe(false); // 17:30
  expect(isOpen(h, at('2026-11-22T10:00:00Z'), 'Europe/Warsaw')).toBe(false); // Sunday
});

test('a range past midnight counts on the next morning too', () => {
  const h = parseHours('fri 22:00-02:00');
  expect(isOpen(h, at('2026-11-27T23:00:00Z'), 'UTC')).toBe(true); // Friday 23:00
  expect(isOpen(h, at('2026-11-28T01:30:00Z'), 'UTC')).toBe(true); // Saturday 01:30
  expect(isOpen(h, at('2026-11-28T02:30:00Z'), 'UTC')).toBe(false);
  expect(isOpen(h, at('2026-11-26T23:00:00Z'), 'UTC')).toBe(false); // Thursday
});

test('"always" and bad input', () => {
  expect(isOpen(parseHours('always'), 0, 'UTC')).toBe(true);
  expect(() => parseHours('weekdays 9 to 5')).toThrow(/cannot read "weekdays 9 to 5"/);
  expect(() => parseHours('mon 25:00-26:00')).toThrow(/impossible time/);
});

test('hours are described with local day names', () => {
  const h = parseHours('mon-fri 09:00-17:00; sat 10:00-14:00');
  expect(describeHours(h, 'en', 'always')).toBe('Mon–Fri 09:00–17:00; Sat 10:00–14:00');
  expect(describeHours(h, 'fr', 'toujours')).toMatch(/^lun\.–ven\. 09:00–17:00; sam\. 10:00–14:00$/);
  expect(describeHours(parseHours('always'), 'uk', 'будь-коли')).toBe('будь-коли');
});
