/**
 * Conversation sessions by opaque key, expiring after inactivity. Writes are group-committed:
 * the turns of one event-loop iteration are saved together in one transaction, which is what
 * lets a busy server keep every turn on disk without paying a commit per message. Reads see
 * queued writes, so turns of the same conversation always follow each other.
 */
import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { SessionState } from '../engine/types';
import type { Db } from './database';

export interface SessionRepository {
  /** The live session under `key`, or null if there is none or it has expired. */
  load(key: string, now: number): SessionState | null;
  /** Queue a save; it is committed with the others at the end of this event-loop iteration. */
  save(key: string, state: SessionState, expiresAt: number): void;
  /** Queue a delete, committed like a save. */
  delete(key: string): void;
  /** Resolves once everything queued so far is on disk; rejects if that commit failed. */
  committed(): Promise<void>;
  /** Commit what is queued now (before shutdown, or before reading the file directly). */
  flush(): void;
  /** Remove expired sessions; returns how many. */
  sweep(now: number): number;
  /** Where expired sessions stopped (flow and node), read before they are swept. */
  expiredPositions(now: number): { f: string; n: string }[];
  /** Sessions not yet expired. */
  count(now: number): number;
}

const Frame = z.object({ f: z.string(), n: z.string() });
/** What a stored session must look like to be resumed; anything else starts afresh. */
const StoredState = z.object({
  v: z.literal(1),
  lang: z.string(),
  stack: z.array(Frame),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  misses: z.number(),
  resume: z.array(Frame).nullable(),
});

interface Pending {
  state: SessionState;
  expiresAt: number;
}

interface Batch {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export class SqliteSessions implements SessionRepository {
  private readonly get: Statement<any[]>;
  private readonly put: Statement<any[]>;
  private readonly del: Statement<any[]>;
  private readonly sweepStmt: Statement<any[]>;
  private readonly countStmt: Statement<any[]>;
  private readonly expiredStmt: Statement<any[]>;
  private readonly writeAll: (entries: [string, Pending | null][]) => void;
  /** queued writes; null means delete */
  private pending = new Map<string, Pending | null>();
  private batch: Batch | null = null;
  private scheduled: NodeJS.Immediate | null = null;

  constructor(db: Db) {
    this.get = db.prepare('SELECT state FROM sessions WHERE key = ? AND expires_at > ?').pluck();
    this.put = db.prepare(
      'INSERT INTO sessions (key, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at',
    );
    this.del = db.prepare('DELETE FROM sessions WHERE key = ?');
    this.sweepStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.countStmt = db.prepare('SELECT count(*) FROM sessions WHERE expires_at > ?').pluck();
    this.expiredStmt = db.prepare('SELECT state FROM sessions WHERE expires_at <= ?').pluck();
    this.writeAll = db.transaction((entries: [string, Pending | null][]) => {
      for (const [key, p] of entries) {
        if (p === null) this.del.run(key);
        else this.put.run(key, JSON.stringify(p.state), p.expiresAt);
      }
    });
  }

  load(key: string, now: number): SessionState | null {
    const queued = this.pending.get(key);
    if (queued !== undefined) return queued === null || queued.expiresAt <= now ? null : queued.state;
    const text = this.get.get(key, now) as string | undefined;
    if (text === undefined) return null;
    try {
      const parsed = StoredState.safeParse(JSON.parse(text));
      return parsed.success ? (parsed.data as SessionState) : null;
    } catch {
      return null;
    }
  }

  save(key: string, state: SessionState, expiresAt: number): void {
    this.pending.set(key, { state, expiresAt });
    this.schedule();
  }

  delete(key: string): void {
    this.pending.set(key, null);
    this.schedule();
  }

  committed(): Promise<void> {
    return this.batch ? this.batch.promise : Promise.resolve();
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    const batch = this.batch;
    this.batch = null;
    if (this.pending.size === 0) {
      batch?.resolve();
      return;
    }
    const entries = [...this.pending];
    this.pending = new Map();
    try {
      this.writeAll(entries);
      batch?.resolve();
    } catch (e) {
      batch?.reject(e);
      if (!batch) throw e;
    }
  }

  sweep(now: number): number {
    this.flush();
    return this.sweepStmt.run(now).changes;
  }

  expiredPositions(now: number): { f: string; n: string }[] {
    this.flush();
    const out: { f: string; n: string }[] = [];
    for (const text of this.expiredStmt.iterate(now) as Iterable<string>) {
      try {
        const top = (JSON.parse(text) as SessionState).stack?.at(-1);
        if (top && typeof top.f === 'string' && typeof top.n === 'string') out.push({ f: top.f, n: top.n });
      } catch {
        // an unreadable row says nothing about where anyone stopped
      }
    }
    return out;
  }

  count(now: number): number {
    this.flush();
    return this.countStmt.get(now) as number;
  }

  private schedule(): void {
    if (!this.batch) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // A failed commit is reported to whoever awaits it; never as an unhandled rejection.
      promise.catch(() => undefined);
      this.batch = { promise, resolve, reject };
    }
    this.scheduled ??= setImmediate(() => this.flush());
  }
}
