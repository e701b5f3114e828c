/** The consent ledger: who agreed to what, in which words, until when, and when they withdrew. */
import type { Statement } from 'better-sqlite3';
import type { ConsentPurpose } from '../engine/types';
import type { Db } from '../store/database';

export interface ConsentRecord {
  purpose: ConsentPurpose;
  version: string;
  lang: string;
  grantedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

interface Row {
  purpose: ConsentPurpose;
  version: string;
  lang: string;
  granted_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export class ConsentLedger {
  private readonly upsert: Statement<any[]>;
  private readonly revokeStmt: Statement<any[]>;
  private readonly one: Statement<any[]>;
  private readonly all: Statement<any[]>;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO consents (key, purpose, version, lang, granted_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (key, purpose) DO UPDATE SET version = excluded.version, lang = excluded.lang,
         granted_at = excluded.granted_at, expires_at = excluded.expires_at, revoked_at = NULL`,
    );
    this.revokeStmt = db.prepare('UPDATE consents SET revoked_at = ? WHERE key = ? AND purpose = ? AND revoked_at IS NULL');
    this.one = db.prepare('SELECT * FROM consents WHERE key = ? AND purpose = ?');
    this.all = db.prepare('SELECT * FROM consents WHERE key = ? ORDER BY purpose');
  }

  grant(key: string, purpose: ConsentPurpose, version: string, lang: string, now: number, ttlMs: number): void {
    this.upsert.run(key, purpose, version, lang, now, now + ttlMs);
  }

  /** Mark a consent withdrawn; returns false if there was none in force. */
  revoke(key: string, purpose: ConsentPurpose, now: number): boolean {
    return this.revokeStmt.run(now, key, purpose).changes > 0;
  }

  /** The consent in force for this purpose, or null. */
  active(key: string, purpose: ConsentPurpose, now: number): ConsentRecord | null {
    const row = this.one.get(key, purpose) as Row | undefined;
    if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
    return toRecord(row);
  }

  list(key: string): ConsentRecord[] {
    return (this.all.all(key) as Row[]).map(toRecord);
  }
}

function toRecord(r: Row): ConsentRecord {
  return {
    purpose: r.purpose,
    version: r.version,
    lang: r.lang,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}
