/**
 * The Telegram channel's table: ids of recent messages in each private chat, so `/wipe` can
 * delete them. Ids only, never text; keyed by the user's pseudonym; gone after 48 hours.
 */
import type { Migration } from '../../store/migrations';

export const telegramMigrations: Migration[] = [
  {
    name: 'telegram-001-recent-messages',
    sql: `
      CREATE TABLE telegram_recent_messages (
        key        TEXT NOT NULL,               -- pseudonym of the user (never a raw Telegram id)
        message_id INTEGER NOT NULL,            -- a message's number in that private chat; never its text
        sent_at    INTEGER NOT NULL,            -- ms since epoch; rows older than 48 h are swept
        keyboard   INTEGER NOT NULL DEFAULT 0,  -- 1 while the bot's message has buttons that may be pressed
        PRIMARY KEY (key, message_id)
      ) WITHOUT ROWID;
      CREATE INDEX telegram_recent_messages_sent_at ON telegram_recent_messages (sent_at);
    `,
  },
];
