/**
 * Token-bucket rate limits by key (a session key, an IP address), in memory. Each key may
 * spend `burst` at once and earns `perMinute` back per minute. Memory is bounded: beyond
 * `maxKeys` the least recently seen keys are forgotten (they start again with a full bucket),
 * so a flood of new keys cannot grow the process.
 */

/** Keys remembered at most, per limiter: about 100 bytes each. */
export const DEFAULT_MAX_KEYS = 100_000;

export interface RateLimitOptions {
  perMinute: number;
  burst: number;
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  /** ms of the last refill */
  at: number;
}

export class RateLimiter {
  private readonly buckets = new RecentMap<string, Bucket>();
  private readonly perMs: number;
  private readonly burst: number;
  private readonly maxKeys: number;

  constructor(o: RateLimitOptions) {
    if (!(o.perMinute > 0) || !(o.burst >= 1)) throw new RangeError('perMinute must be > 0 and burst >= 1');
    this.perMs = o.perMinute / 60_000;
    this.burst = o.burst;
    this.maxKeys = o.maxKeys ?? DEFAULT_MAX_KEYS;
  }

  /** Spend one token for `key`; false when none is left (the caller refuses the request). */
  take(key: string, now: number = Date.now()): boolean {
    const b = this.refilled(key, now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Milliseconds until `key` has a token again (0 if it has one now). */
  retryAfterMs(key: string, now: number = Date.now()): number {
    const b = this.refilled(key, now);
    return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) / this.perMs);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b, this.maxKeys);
      return b;
    }
    // A clock that went backwards earns nothing, and takes nothing away.
    b.tokens = Math.min(this.burst, b.tokens + Math.max(0, now - b.at) * this.perMs);
    b.at = Math.max(b.at, now);
    return b;
  }
}

/** A Map that keeps the most recently used entries, up to a size given at each insert. */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  get size(): number {
    return this.map.size;
  }

  /** The value, marked as just used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V, max: number): void {
    this.map.delete(key);
    this.map.set(key, value);
    // Map iterates in insertion order, so the first keys are the least recently used.
    for (const k of this.map.keys()) {
      if (this.map.size <= max) break;
      this.map.delete(k);
    }
  }

  delete(key: K): void {
    this.map.delete(key);
  }
}
