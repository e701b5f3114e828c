/**
 * Opening hours in words, in the user's language: weekday and time names come from Intl
 * (CLDR), so every language Node knows is covered; only "open 24 hours" needs a sentence,
 * from the `directory` namespace.
 */
import type { Texts } from '../../engine/texts';
import { ALL_DAYS, DAY_MINUTES, type OpeningRule } from './opening-hours';

const MONDAY = Date.UTC(2024, 0, 1); // 2024-01-01 was a Monday

/** Intl formatters are costly to make: one set per language. */
const formats = new Map<string, { days: string[]; time: Intl.DateTimeFormat; list: Intl.ListFormat }>();

function format(lang: string) {
  let f = formats.get(lang);
  if (!f) {
    const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
    f = {
      days: Array.from({ length: 7 }, (_, i) => weekday.format(MONDAY + i * 86_400_000)),
      time: new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }),
      list: new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }),
    };
    formats.set(lang, f);
  }
  return f;
}

function timeText(lang: string, minutes: number): string {
  return format(lang).time.format(MONDAY + (minutes % DAY_MINUTES) * 60_000);
}

/** Runs of consecutive weekdays in a mask: Mon–Fri, Sun. */
function dayRuns(mask: number, names: string[]): string[] {
  const runs: string[] = [];
  for (let i = 0; i < 7; i++) {
    if (!(mask & (1 << i))) continue;
    let j = i;
    while (j + 1 < 7 && mask & (1 << (j + 1))) j++;
    runs.push(j === i ? names[i]! : j === i + 1 ? `${names[i]}, ${names[j]}` : `${names[i]}–${names[j]}`);
    i = j;
  }
  return runs;
}

/**
 * "Mon–Fri 9:00–17:00, Sat 10:00–14:00" in `lang`; null when no plain weekly rule is known
 * (monthly and fortnightly patterns are left to the "open now" answer).
 */
export function hoursText(rules: readonly OpeningRule[], lang: string, texts: Texts): string | null {
  const weekly = rules.filter((r) => !r.n && !r.m && !r.i);
  if (weekly.length === 0) return null;
  const allDay = (r: OpeningRule) => r.o === r.c || (r.o === 0 && r.c >= DAY_MINUTES);
  const alwaysMask = weekly.filter(allDay).reduce((m, r) => m | r.d, 0);
  if (alwaysMask === ALL_DAYS) return texts.render(lang, 'directory', 'open_always', undefined);

  const groups = new Map<string, { o: number; c: number; d: number }>();
  for (const r of weekly) {
    const key = allDay(r) ? '0-1440' : `${r.o}-${r.c}`;
    const g = groups.get(key) ?? { o: allDay(r) ? 0 : r.o, c: allDay(r) ? DAY_MINUTES : r.c, d: 0 };
    g.d |= r.d;
    groups.set(key, g);
  }
  const names = format(lang).days;
  const firstDay = (mask: number) => Math.log2(mask & -mask);
  const parts = [...groups.values()]
    .sort((a, b) => firstDay(a.d) - firstDay(b.d) || a.o - b.o)
    .map((g) => `${dayRuns(g.d, names).join(', ')} ${timeText(lang, g.o)}–${g.c >= DAY_MINUTES ? timeText(lang, 0) : timeText(lang, g.c)}`);
  return format(lang).list.format(parts);
}
