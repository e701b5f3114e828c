/**
 * Lesson progress kept across sessions, only under the `save_progress` consent: the language,
 * the track and which lessons were finished. Never free text, never a position in a flow.
 */
import type { Statement } from 'better-sqlite3';
import type { Scalar, SessionState } from '../engine/types';
import type { Db } from '../store/database';

/** Session variables worth keeping across sessions: the track, and lessons finished or scored. */
export function progressVars(vars: Record<string, Scalar>): Record<string, Scalar> {
  const kept: Record<string, Scalar> = {};
  for (const [name, value] of Object.entries(vars)) {
    if (name === 'track' || name === 'audience' || name.startsWith('done_') || name.startsWith('consent_')) kept[name] = value;
  }
  return kept;
}

export interface Progress {
  lang: string;
  vars: Record<string, Scalar>;
}

export class SavedProgress {
  private readonly put: Statement<any[]>;
  private readonly get: Statement<any[]>;
  private readonly del: Statement<any[]>;

  constructor(db: Db) {
    this.put = db.prepare(
      'INSERT INTO saved_progress (key, data, updated_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, expires_at = excluded.expires_at',
    );
    this.get = db.prepare('SELECT data FROM saved_progress WHERE key = ? AND expires_at > ?').pluck();
    this.del = db.prepare('DELETE FROM saved_progress WHERE key = ?');
  }

  save(key: string, state: SessionState, now: number, ttlMs: number): void {
    const data: Progress = { lang: state.lang, vars: progressVars(state.vars) };
    this.put.run(key, JSON.stringify(data), now, now + ttlMs);
  }

  load(key: string, now: number): Progress | null {
    const text = this.get.get(key, now) as string | undefined;
    if (!text) return null;
    try {
      const p = JSON.parse(text) as Progress;
      return typeof p.lang === 'string' && p.vars && typeof p.vars === 'object' ? p : null;
    } catch {
      return null;
    }
  }

  delete(key: string): void {
    this.del.run(key);
  }
}
