/**
 * The host side of privacy for each turn: restores consented progress for a returning user,
 * keeps the consent ledger, erases on request (everything, or what one consent allowed), and
 * answers "what do you keep about me?" in the user's language.
 */
import type { Texts } from '../engine/texts';
import type { ConsentPurpose, EngineEvent, SessionState } from '../engine/types';
import type { Db } from '../store/database';
import { ConsentLedger } from './consent-ledger';
import { Eraser, personalTables } from './erasure';
import { SavedProgress } from './saved-progress';
import { DEFAULT_RETENTION, type Retention } from './settings';

/** Where a turn came from, for the consents that need it (a follow-up needs an address). */
export interface TurnOrigin {
  channel: string;
  /** the channel's address for writing first later; stored only under `follow_up` */
  address?: string;
}

export class PrivacyHost {
  readonly ledger: ConsentLedger;
  readonly progress: SavedProgress;
  readonly eraser: Eraser;
  private readonly followUpPut;
  private readonly followUpDel;
  private readonly followUpGet;

  constructor(
    private readonly db: Db,
    private readonly texts: Texts,
    private readonly retention: Retention = DEFAULT_RETENTION,
    private readonly sessionTtlMs = 30 * 60_000,
  ) {
    this.ledger = new ConsentLedger(db);
    this.progress = new SavedProgress(db);
    this.eraser = new Eraser(db);
    this.followUpPut = db.prepare(
      'INSERT INTO follow_ups (key, channel, address, created_at, expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET channel = excluded.channel, address = excluded.address, expires_at = excluded.expires_at',
    );
    this.followUpDel = db.prepare('DELETE FROM follow_ups WHERE key = ?');
    this.followUpGet = db.prepare('SELECT channel, expires_at FROM follow_ups WHERE key = ?');
  }

  /** A new session for a returning user who consented to keep their progress. */
  restore(key: string, now: number, fresh: (lang: string) => SessionState): SessionState | null {
    if (!this.ledger.active(key, 'save_progress', now)) return null;
    const saved = this.progress.load(key, now);
    if (!saved) return null;
    const state = fresh(saved.lang);
    state.vars = { ...saved.vars };
    return state;
  }

  /**
   * After "delete my data": fold the write-ahead log into the database and empty it, so the
   * erased rows' old page images do not linger in the -wal file (secure_delete has already
   * overwritten them in the database pages).
   */
  scrub(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** After each turn: keep progress up to date while the consent is in force. */
  afterTurn(key: string, state: SessionState, now: number): void {
    if (state.vars['consent_save_progress'] === true) this.progress.save(key, state, now, this.retention.progressMs);
  }

  /** Act on a privacy event; returns lines to say for an `access` event. */
  handle(key: string, event: EngineEvent, state: SessionState, now: number, origin: TurnOrigin | undefined): void {
    if (event.type === 'erase') {
      this.eraser.erase(key);
    } else if (event.type === 'consent') {
      if (event.granted) this.grant(key, event.purpose, event.version, event.lang, now, origin);
      else this.withdraw(key, event.purpose, now);
    } else if (event.type === 'access') {
      event.lines = this.describe(key, state, now);
    }
  }

  private grant(key: string, purpose: ConsentPurpose, version: string, lang: string, now: number, origin: TurnOrigin | undefined): void {
    this.ledger.grant(key, purpose, version, lang, now, this.retention.consentMs);
    if (purpose === 'follow_up' && origin?.address) {
      this.followUpPut.run(key, origin.channel, origin.address, now, now + Math.min(this.retention.followUpMs, this.retention.consentMs));
    }
  }

  /** Withdraw a consent (or decline one never given) and erase what it allowed. */
  private withdraw(key: string, purpose: ConsentPurpose, now: number): void {
    this.ledger.revoke(key, purpose, now);
    if (purpose === 'save_progress') this.progress.delete(key);
    if (purpose === 'follow_up') this.followUpDel.run(key);
    for (const t of personalTables) if (t.allowedBy === purpose) this.eraser.eraseTable(t.table, key);
  }

  /** Exactly what is stored for this user, in their language. */
  describe(key: string, state: SessionState, now: number): string[] {
    const t = (k: string, values?: Record<string, unknown>) => this.texts.render(state.lang, 'privacy', k, values) ?? '';
    const date = (ms: number) => new Intl.DateTimeFormat(state.lang, { dateStyle: 'long' }).format(new Date(ms));
    const lines = [t('kept_intro'), t('kept_session', { minutes: Math.round(this.sessionTtlMs / 60_000) })];
    const consents = this.ledger.list(key).filter((c) => c.revokedAt === null && c.expiresAt > now);
    for (const c of consents) lines.push(t('kept_consent', { purpose: t(`purpose_${c.purpose}`), date: date(c.expiresAt) }));
    const progress = this.progress.load(key, now);
    if (progress) lines.push(t('kept_progress', { date: date(now + this.retention.progressMs) }));
    const follow = this.followUpGet.get(key) as { channel: string; expires_at: number } | undefined;
    if (follow) lines.push(t('kept_follow_up', { date: date(follow.expires_at) }));
    for (const extra of this.eraser.inventory(key)) {
      if (extra.rows > 0 && !CORE_TABLES.has(extra.table)) lines.push(t(extra.describes));
    }
    lines.push(t('kept_how_to_delete'));
    return lines;
  }
}

/** Tables described above in detail; other modules' tables use their own `describes` line. */
const CORE_TABLES = new Set(['sessions', 'consents', 'saved_progress', 'follow_ups']);
