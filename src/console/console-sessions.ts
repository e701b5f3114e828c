/**
 * Signed-in console sessions in the `console_sessions` table. The browser holds a random
 * 256-bit token in a cookie; the table holds only its SHA-256, so a copy of the database does
 * not let anyone sign in. Each session has its own CSRF token. A session ends after
 * `idleMs` without a request, `maxMs` after sign-in, at sign-out, or when its account is
 * disabled or its password changed.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../store/database';

/** A session's expiry is pushed forward at most this often (one write a minute, not per request). */
const TOUCH_EVERY_MS = 60_000;

export interface ConsoleSession {
  tokenHash: string;
  caseworkerId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export interface NewSession {
  /** goes in the cookie, nowhere else */
  token: string;
  session: ConsoleSession;
}

interface Row {
  token_hash: string;
  caseworker_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export class ConsoleSessions {
  constructor(
    private readonly db: Db,
    private readonly idleMs: number,
    private readonly maxMs: number,
  ) {}

  create(caseworkerId: string, now: number): NewSession {
    const token = randomBytes(32).toString('base64url');
    const session: ConsoleSession = {
      tokenHash: hashToken(token),
      caseworkerId,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: now + Math.min(this.idleMs, this.maxMs),
    };
    this.db
      .prepare('INSERT INTO console_sessions (token_hash, caseworker_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(session.tokenHash, caseworkerId, session.csrfToken, now, now, session.expiresAt);
    return { token, session };
  }

  /** The live session for a cookie's token, its expiry pushed forward; null when unknown or expired. */
  find(token: string, now: number): ConsoleSession | null {
    return TOKEN_PATTERN.test(token) ? this.findByHash(hashToken(token), now) : null;
  }

  /** The same by the token's hash (a live event stream re-checks its session this way). */
  findByHash(tokenHash: string, now: number): ConsoleSession | null {
    const row = this.db.prepare('SELECT * FROM console_sessions WHERE token_hash = ?').get(tokenHash) as Row | undefined;
    if (!row) return null;
    if (row.expires_at <= now) {
      this.db.prepare('DELETE FROM console_sessions WHERE token_hash = ?').run(row.token_hash);
      return null;
    }
    const session = toSession(row);
    if (now - row.last_seen_at >= TOUCH_EVERY_MS) {
      session.lastSeenAt = now;
      session.expiresAt = Math.min(now + this.idleMs, row.created_at + this.maxMs);
      this.db.prepare('UPDATE console_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?').run(now, session.expiresAt, row.token_hash);
    }
    return session;
  }

  end(tokenHash: string): void {
    this.db.prepare('DELETE FROM console_sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Sign an account out everywhere (disabled, or its password changed). */
  endAllFor(caseworkerId: string, except?: string): number {
    return this.db.prepare('DELETE FROM console_sessions WHERE caseworker_id = ? AND token_hash IS NOT ?').run(caseworkerId, except ?? null).changes;
  }

  /** Whether the account has a live session (someone may be watching the queue). */
  hasLive(caseworkerId: string, now: number): boolean {
    return this.db.prepare('SELECT 1 FROM console_sessions WHERE caseworker_id = ? AND expires_at > ? LIMIT 1').get(caseworkerId, now) !== undefined;
  }

  sweep(now: number): number {
    return this.db.prepare('DELETE FROM console_sessions WHERE expires_at <= ?').run(now).changes;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function toSession(r: Row): ConsoleSession {
  return {
    tokenHash: r.token_hash,
    caseworkerId: r.caseworker_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
  };
}
