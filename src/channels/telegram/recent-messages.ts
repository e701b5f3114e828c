/**
 * Ids of the messages in a private chat from the last 48 hours, the user's and the bot's, so
 * `/wipe` can delete them (Telegram lets a bot delete both sides of a private chat for 48
 * hours, no longer). Also remembers which bot message carries the buttons that may still be
 * pressed, so an old button can never answer a newer question. Ids only, never text.
 */
import type { Statement } from 'better-sqlite3';
import type { Clock } from '../../engine/types';
import type { Db } from '../../store/database';

/** Telegram's limit for deleting messages in a private chat. */
export const WIPE_WINDOW_MS = 48 * 60 * 60 * 1000;
/** Ids this close to the limit are not sent for deletion: the request could arrive too late. */
const WIPE_MARGIN_MS = 60 * 1000;

export class RecentMessages {
  private readonly put: Statement<any[]>;
  private readonly wipeableStmt: Statement<any[]>;
  private readonly latestKeyboardStmt: Statement<any[]>;
  private readonly clearKeyboards: Statement<any[]>;
  private readonly forgetStmt: Statement<any[]>;
  private readonly sweepStmt: Statement<any[]>;

  constructor(
    db: Db,
    private readonly clock: Clock,
  ) {
    this.put = db.prepare(
      `INSERT INTO telegram_recent_messages (key, message_id, sent_at, keyboard) VALUES (?, ?, ?, ?)
       ON CONFLICT (key, message_id) DO UPDATE SET keyboard = excluded.keyboard`,
    );
    this.wipeableStmt = db
      .prepare('SELECT message_id FROM telegram_recent_messages WHERE key = ? AND sent_at > ? ORDER BY message_id')
      .pluck();
    this.latestKeyboardStmt = db
      .prepare('SELECT max(message_id) FROM telegram_recent_messages WHERE key = ? AND keyboard = 1 AND sent_at > ?')
      .pluck();
    this.clearKeyboards = db.prepare('UPDATE telegram_recent_messages SET keyboard = 0 WHERE key = ? AND keyboard = 1');
    this.forgetStmt = db.prepare('DELETE FROM telegram_recent_messages WHERE key = ?');
    this.sweepStmt = db.prepare('DELETE FROM telegram_recent_messages WHERE sent_at <= ?');
  }

  /** Note a message in the chat of `key`; `keyboard` when it carries answerable buttons. */
  record(key: string, messageId: number, keyboard = false): void {
    this.put.run(key, messageId, this.clock.now(), keyboard ? 1 : 0);
  }

  /** The bot message whose buttons may be pressed now, if any. */
  activeKeyboard(key: string): number | null {
    const id = this.latestKeyboardStmt.get(key, this.clock.now() - WIPE_WINDOW_MS) as number | null;
    return id ?? null;
  }

  /** No button sent so far may be pressed any more (a newer question is coming). */
  retireKeyboards(key: string): void {
    this.clearKeyboards.run(key);
  }

  /** Ids Telegram will still let the bot delete, oldest first. */
  wipeable(key: string): number[] {
    return this.wipeableStmt.all(key, this.clock.now() - WIPE_WINDOW_MS + WIPE_MARGIN_MS) as number[];
  }

  /** Forget every id of this chat (after a wipe). */
  forget(key: string): void {
    this.forgetStmt.run(key);
  }

  /** Remove ids older than the 48-hour window; returns how many. */
  sweep(): number {
    return this.sweepStmt.run(this.clock.now() - WIPE_WINDOW_MS).changes;
  }
}
