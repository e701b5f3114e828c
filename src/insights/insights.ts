/**
 * Counting, not recording: each event adds one to a daily counter. Counts are gathered in
 * memory and written every few seconds in one transaction, so counting costs a turn almost
 * nothing. What a crash loses is a few seconds of counts, never anything about a person.
 */
import type { Statement } from 'better-sqlite3';
import type { Clock, Insight } from '../engine/types';
import type { Db } from '../store/database';
import { dimension, type InsightMetric } from './metrics';

/** How often gathered counts are written. */
export const FLUSH_MS = 5_000;

export class Insights {
  private pending = new Map<string, number>();
  private readonly add: Statement<any[]>;
  private readonly writeAll: (entries: [string, number][]) => void;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.add = db.prepare(
      'INSERT INTO insights_daily (day, metric, dim1, dim2, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, metric, dim1, dim2) DO UPDATE SET count = count + excluded.count',
    );
    this.writeAll = db.transaction((entries: [string, number][]) => {
      for (const [k, n] of entries) {
        const [day, metric, dim1, dim2] = k.split('\u0000');
        this.add.run(day, metric, dim1, dim2, n);
      }
    });
  }

  count(metric: InsightMetric, dim1?: string | null, dim2?: string | null, n = 1): void {
    const day = new Date(this.clock.now()).toISOString().slice(0, 10);
    const k = `${day}\u0000${metric}\u0000${dimension(dim1)}\u0000${dimension(dim2)}`;
    this.pending.set(k, (this.pending.get(k) ?? 0) + n);
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Count what the engine noted in one turn. */
  fromEngine(insights: readonly Insight[]): void {
    for (const i of insights) {
      switch (i.type) {
        case 'flow_started':
        case 'flow_finished':
          this.count(i.type, i.flow);
          break;
        case 'node_reached':
          this.count('node_reached', i.flow, i.node);
          break;
        case 'answer':
          this.count(i.correct ? 'quiz_right' : 'quiz_wrong', i.flow, i.node);
          break;
        case 'interrupt':
          this.count('interrupt', i.name, i.lang);
          break;
      }
    }
  }

  /** Write gathered counts now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const entries = [...this.pending];
    this.pending = new Map();
    this.writeAll(entries);
  }
}
