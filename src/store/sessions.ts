/** Conversation sessions by opaque key, expiring after inactivity. */
import { z } from 'zod';
import type { SessionState } from '../engine/types';
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

export interface SessionRepository {
  /** The live session under `key`, or null if there is none or it has expired. */
  load(key: string, now: number): SessionState | null;
  save(key: string, state: SessionState, expiresAt: number): void;
  delete(key: string): void;
  /** Remove expired sessions; returns how many. */
  sweep(now: number): number;
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

export class SqliteSessions implements SessionRepository {
  private readonly get: Statement<any[]>;
  private readonly put: Statement<any[]>;
  private readonly del: Statement<any[]>;
  private readonly sweepStmt: Statement<any[]>;
  private readonly countStmt: Statement<any[]>;

  constructor(db: Db) {
    this.get = db.prepare('SELECT state FROM sessions WHERE key = ? AND expires_at > ?').pluck();
    this.put = db.prepare(
      'INSERT INTO sessions (key, state, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at',
    );
    this.del = db.prepare('DELETE FROM sessions WHERE key = ?');
    this.sweepStmt = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
    this.countStmt = db.prepare('SELECT count(*) FROM sessions WHERE expires_at > ?').pluck();
  }

  load(key: string, now: number): SessionState | null {
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
    this.put.run(key, JSON.stringify(state), expiresAt);
  }

  delete(key: string): void {
    this.del.run(key);
  }

  sweep(now: number): number {
    return this.sweepStmt.run(now).changes;
  }

  count(now: number): number {
    return this.countStmt.get(now) as number;
  }
}
