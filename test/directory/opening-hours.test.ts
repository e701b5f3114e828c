/** "Open now" in the place's own time zone: across zones, midnight, summer time, monthly rules. */
import { shippedTexts } from './support';
import { createTexts } from '../../src/i18n/texts';
import { hoursText } from '../../src/directory/time/hours-text';
import { isOpenAt, rulesOf, type OpeningRule } from '../../src/directory/time/opening-hours';
import { localTime, zoneFor } from '../../src/directory/time/zone';
import type { Row } from '../../src/directory/hsds/tables';

const schedule = (o: Partial<Row>): OpeningRule[] =>
  rulesOf({ id: 's', freq: 'WEEKLY', byday: null, opens_at: null, closes_at: null, valid_from: null, valid_to: null, until: null, dtstart: null, interval: null, bymonthday: null, ...o });
const openAt = (rules: OpeningRule[], zone: string, iso: string) => isOpenAt(rules, localTime(zone, Date.parse(iso)));

describe('open now', () => {
  const office = schedule({ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' });

  test('the same instant is open in one zone and closed in another', () => {
    const instant = '2026-11-23T15:30:00Z'; // Monday
    expect(openAt(office, 'Europe/Warsaw', instant)).toBe(true); // 16:30 in Kraków
    expect(openAt(office, 'Asia/Tokyo', instant)).toBe(false); // 00:30 Tuesday in Tokyo
    expect(openAt(office, 'America/Bogota', instant)).toBe(true); // 10:30 in Bogotá
    expect(openAt(office, 'Pacific/Auckland', instant)).toBe(false); // 04:30 Tuesday
  });

  test('opening and closing minutes: open at 09:00, closed at 17:00', () => {
    expect(openAt(office, 'Europe/Berlin', '2026-11-23T07:59:00Z')).toBe(false); // 08:59
    expect(openAt(office, 'Europe/Berlin', '2026-11-23T08:00:00Z')).toBe(true); // 09:00
    expect(openAt(office, 'Europe/Berlin', '2026-11-23T15:59:00Z')).toBe(true); // 16:59
    expect(openAt(office, 'Europe/Berlin', '2026-11-23T16:00:00Z')).toBe(false); // 17:00
  });

  test('a night shelter open 20:00-08:00 is open after midnight, and Monday morning counts from Sunday night', () => {
    const night = schedule({ byday: 'SU,MO', opens_at: '20:00', closes_at: '08:00' });
    const z = 'Europe/Warsaw';
    expect(openAt(night, z, '2026-11-22T22:00:00Z')).toBe(true); // Sunday 23:00
    expect(openAt(night, z, '2026-11-22T23:30:00Z')).toBe(true); // Monday 00:30, from Sunday's night
    expect(openAt(night, z, '2026-11-23T06:59:00Z')).toBe(true); // Monday 07:59
    expect(openAt(night, z, '2026-11-23T07:00:00Z')).toBe(false); // Monday 08:00
    expect(openAt(night, z, '2026-11-24T06:00:00Z')).toBe(true); // Tuesday 07:00, from Monday's night
    expect(openAt(night, z, '2026-11-25T06:00:00Z')).toBe(false); // Wednesday 07:00: Tuesday has no night
    expect(openAt(night, z, '2026-11-24T20:00:00Z')).toBe(false); // Tuesday 21:00
  });

  test('midnight in the place, not at the server: a 00:00-24:00 day', () => {
    const saturday = schedule({ byday: 'SA', opens_at: '00:00', closes_at: '24:00' });
    expect(openAt(saturday, 'America/Bogota', '2026-11-28T04:59:00Z')).toBe(false); // Friday 23:59 in Bogotá (Saturday in UTC)
    expect(openAt(saturday, 'America/Bogota', '2026-11-28T05:00:00Z')).toBe(true); // Saturday 00:00
    expect(openAt(saturday, 'America/Bogota', '2026-11-29T04:59:00Z')).toBe(true); // Saturday 23:59
    expect(openAt(saturday, 'America/Bogota', '2026-11-29T05:00:00Z')).toBe(false); // Sunday 00:00
  });

  test('summer time: 09:00 local is 07:00 UTC in July and 08:00 UTC in January', () => {
    expect(openAt(office, 'Europe/Berlin', '2026-07-06T07:00:00Z')).toBe(true);
    expect(openAt(office, 'Europe/Berlin', '2026-01-05T07:00:00Z')).toBe(false);
    expect(openAt(office, 'Europe/Berlin', '2026-01-05T08:00:00Z')).toBe(true);
  });

  test('a fixed HSDS offset (timezone 1) when nothing better is known', () => {
    expect(zoneFor({ scheduleZone: 1 })).toBe('+01:00');
    expect(openAt(office, '+01:00', '2026-07-06T07:30:00Z')).toBe(false); // 08:30 at +01:00
    expect(zoneFor({ scheduleZone: 1, lat: 50.06, lon: 19.94 })).toBe('Europe/Warsaw'); // coordinates know summer time
    expect(zoneFor({ scheduleZone: 'Europe/Kyiv', lat: 50.06, lon: 19.94 })).toBe('Europe/Kyiv');
  });

  test('valid_from/valid_to, monthly "last Friday", "first Monday", fortnightly', () => {
    const winter = schedule({ byday: 'MO', opens_at: '10:00', closes_at: '12:00', valid_from: '2026-12-01', valid_to: '2027-02-28' });
    expect(openAt(winter, 'UTC', '2026-11-23T11:00:00Z')).toBe(false);
    expect(openAt(winter, 'UTC', '2026-12-07T11:00:00Z')).toBe(true);
    const lastFriday = schedule({ freq: 'MONTHLY', byday: '-1FR', opens_at: '10:00', closes_at: '12:00' });
    expect(openAt(lastFriday, 'UTC', '2026-11-27T11:00:00Z')).toBe(true);
    expect(openAt(lastFriday, 'UTC', '2026-11-20T11:00:00Z')).toBe(false);
    const firstMonday = schedule({ freq: 'MONTHLY', byday: '1MO', opens_at: '10:00', closes_at: '12:00' });
    expect(openAt(firstMonday, 'UTC', '2026-11-02T11:00:00Z')).toBe(true);
    expect(openAt(firstMonday, 'UTC', '2026-11-09T11:00:00Z')).toBe(false);
    const fortnightly = schedule({ byday: 'WE', opens_at: '10:00', closes_at: '12:00', interval: 2, dtstart: '2026-11-04' });
    expect(openAt(fortnightly, 'UTC', '2026-11-04T11:00:00Z')).toBe(true);
    expect(openAt(fortnightly, 'UTC', '2026-11-11T11:00:00Z')).toBe(false);
    expect(openAt(fortnightly, 'UTC', '2026-11-18T11:00:00Z')).toBe(true);
  });

  test('no hours known: null, never "closed"', () => {
    expect(isOpenAt([], localTime('UTC', 0))).toBeNull();
    expect(schedule({ byday: 'XX', opens_at: '10:00', closes_at: '12:00' })).toEqual([]);
  });
});

describe('hours in words, in the user language', () => {
  const shipped = shippedTexts();
  const texts = createTexts([], ['en']);
  const rules = [...schedule({ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }), ...schedule({ byday: 'SA', opens_at: '10:00', closes_at: '14:00' })];

  test('weekday and time names come from CLDR', () => {
    expect(hoursText(rules, 'en', texts)).toBe('Mon–Fri 9:00 AM–5:00 PM and Sat 10:00 AM–2:00 PM');
    expect(hoursText(rules, 'uk', texts)).toBe('пн–пт 9:00–17:00 і сб 10:00–14:00');
    expect(hoursText(rules, 'ru', texts)).toBe('пн–пт 9:00–17:00 и сб 10:00–14:00');
    expect(hoursText(rules, 'fr', texts)).toBe('lun.–ven. 9:00–17:00 et sam. 10:00–14:00');
  });

  test('open every day, all day: the directory sentence', () => {
    const always = schedule({ opens_at: '00:00', closes_at: '00:00' });
    expect(hoursText(always, 'es', shipped)).toBe('Abierto las 24 horas, todos los días');
    expect(hoursText(always, 'ar', shipped)).toBe('مفتوح 24 ساعة، كل يوم');
  });
});
