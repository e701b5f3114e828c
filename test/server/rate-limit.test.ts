/** The token bucket: bursts, refill, retry times, a clock that goes backwards, bounded memory. */
import { RateLimiter, RecentMap } from '../../src/server/rate-limit';

test('a burst, then one per refill interval', () => {
  const l = new RateLimiter({ perMinute: 60, burst: 3 });
  const t = 1_000_000;
  expect([l.take('a', t), l.take('a', t), l.take('a', t), l.take('a', t)]).toEqual([true, true, true, false]);
  expect(l.retryAfterMs('a', t)).toBe(1000);
  expect(l.take('a', t + 999)).toBe(false);
  expect(l.take('a', t + 2000)).toBe(true);
  // refill never exceeds the burst
  expect([1, 2, 3, 4].map(() => l.take('a', t + 3_600_000))).toEqual([true, true, true, false]);
});

test('keys are independent', () => {
  const l = new RateLimiter({ perMinute: 1, burst: 1 });
  expect(l.take('a', 0)).toBe(true);
  expect(l.take('a', 0)).toBe(false);
  expect(l.take('b', 0)).toBe(true);
});

test('a clock that goes backwards earns nothing and takes nothing away', () => {
  const l = new RateLimiter({ perMinute: 60, burst: 1 });
  expect(l.take('a', 10_000)).toBe(true);
  expect(l.take('a', 5_000)).toBe(false);
  expect(l.take('a', 11_000)).toBe(true);
});

test('memory is bounded: beyond maxKeys the least recently seen keys are forgotten', () => {
  const l = new RateLimiter({ perMinute: 1, burst: 1, maxKeys: 1000 });
  for (let i = 0; i < 100_000; i++) l.take(`k${i}`, 0);
  expect(l.size).toBe(1000);
  const m = new RecentMap<string, number>();
  m.set('a', 1, 2);
  m.set('b', 2, 2);
  m.get('a'); // a is now the most recent
  m.set('c', 3, 2);
  expect([m.get('a'), m.get('b'), m.get('c')]).toEqual([1, undefined, 3]);
});

test('nonsense options are refused', () => {
  expect(() => new RateLimiter({ perMinute: 0, burst: 1 })).toThrow(RangeError);
  expect(() => new RateLimiter({ perMinute: 1, burst: 0 })).toThrow(RangeError);
});
