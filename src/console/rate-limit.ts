/**
 * Sign-in attempts counted per key (an IP address, a username) over a sliding window, in
 * memory: enough for one server, and nothing about the caseworkers is written down. The map is
 * bounded, so a flood of distinct keys cannot grow it without limit.
 */

/** Keys remembered at once; beyond it the oldest are dropped. */
const MAX_KEYS = 50_000;

export class SlidingWindowLimit {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Count one attempt for `key`. False when the key already used its attempts in this window. */
  take(key: string, now: number): boolean {
    const recent = this.recent(key, now);
    if (recent.length >= this.max) return false;
    recent.push(now);
    // Re-inserting moves the key to the end, so the map's first keys are the least recently used.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_KEYS) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return true;
  }

  /** Seconds until `key` may try again (0 when it may now). */
  retryAfterSeconds(key: string, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    const from = now - this.windowMs;
    let i = 0;
    while (i < list.length && list[i]! <= from) i++;
    return i ? list.slice(i) : list;
  }
}
