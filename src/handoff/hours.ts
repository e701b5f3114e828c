/**
 * Caseworker hours: "always", or "mon-fri 09:00-17:00; sat 10:00-14:00" in a configured time
 * zone. A time range may pass midnight ("fri 22:00-02:00").
 */

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface Hours {
  always: boolean;
  /** per weekday (0 = Sunday), minutes-from-midnight ranges; end may exceed 1440 (past midnight) */
  ranges: [number, number][][];
  /** the text as configured, normalised */
  text: string;
}

export function parseHours(text: string): Hours {
  const t = text.trim().toLowerCase();
  const ranges: [number, number][][] = DAYS.map(() => []);
  if (t === 'always' || t === '24/7') return { always: true, ranges, text: 'always' };
  for (const part of t.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) throw new Error(`cannot read "${part}": write days and hours like "mon-fri 09:00-17:00"`);
    const from = DAYS.indexOf(m[1] as (typeof DAYS)[number]);
    const to = m[2] ? DAYS.indexOf(m[2] as (typeof DAYS)[number]) : from;
    if (from < 0 || to < 0) throw new Error(`unknown day in "${part}" (use ${DAYS.join(', ')})`);
    const start = Number(m[3]) * 60 + Number(m[4]);
    let end = Number(m[5]) * 60 + Number(m[6]);
    if (start >= 24 * 60 || end > 24 * 60) throw new Error(`impossible time in "${part}"`);
    if (end <= start) end += 24 * 60; // past midnight
    for (let d = from; ; d = (d + 1) % 7) {
      ranges[d]!.push([start, end]);
      if (d === to) break;
    }
  }
  return { always: false, ranges, text: t };
}

/** Is `at` within the hours, read in `timeZone`? */
export function isOpen(hours: Hours, at: number, timeZone: string): boolean {
  if (hours.always) return true;
  const { day, minutes } = localTime(at, timeZone);
  if (hours.ranges[day]!.some(([s, e]) => minutes >= s && minutes < e)) return true;
  // a range from yesterday that runs past midnight
  const yesterday = (day + 6) % 7;
  return hours.ranges[yesterday]!.some(([s, e]) => e > 24 * 60 && minutes + 24 * 60 >= s && minutes + 24 * 60 < e);
}

function localTime(at: number, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: DAYS.indexOf(get('weekday').toLowerCase() as (typeof DAYS)[number]), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** The hours in words in a language: "Mon–Fri 09:00–17:00" with local day names. */
export function describeHours(hours: Hours, lang: string, alwaysText: string): string {
  if (hours.always) return alwaysText;
  const dayName = (d: number) => new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 4 + d));
  const hm = (m: number) => `${String(Math.floor((m % 1440) / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  // group consecutive days with the same ranges, Monday first
  const order = [1, 2, 3, 4, 5, 6, 0];
  const groups: { days: number[]; key: string }[] = [];
  for (const d of order) {
    const key = hours.ranges[d]!.map(([s, e]) => `${hm(s)}–${hm(e)}`).join(', ');
    if (!key) continue;
    const last = groups[groups.length - 1];
    const prevDay = last ? last.days[last.days.length - 1]! : -1;
    if (last && last.key === key && order.indexOf(d) === order.indexOf(prevDay) + 1) last.days.push(d);
    else groups.push({ days: [d], key });
  }
  return groups
    .map((g) => `${g.days.length > 1 ? `${dayName(g.days[0]!)}–${dayName(g.days[g.days.length - 1]!)}` : dayName(g.days[0]!)} ${g.key}`)
    .join('; ');
}
