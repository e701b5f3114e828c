/**
 * Quick replies: short texts a caseworker can put in the message box with one click, stored
 * per language in `quick_replies`. Supervisors write and edit them; caseworkers see the ones
 * in the person's language. The first start fills the table with a few from the `console`
 * locale namespace, so a new deployment has some in every shipped language.
 */
import type { Texts } from '../engine/texts';
import type { Db } from '../store/database';

export const MAX_TITLE_LENGTH = 60;
export const MAX_BODY_LENGTH = 1000;
/** The default replies, by name: `qr_<name>_title` and `qr_<name>_body` in the `console` namespace. */
export const DEFAULT_QUICK_REPLIES = ['hello', 'safe_now', 'take_time', 'helpline', 'goodbye'] as const;

export interface QuickReply {
  id: number;
  lang: string;
  title: string;
  body: string;
  position: number;
  updatedBy: string | null;
  updatedAt: number;
}

export interface QuickReplyInput {
  lang: string;
  title: string;
  body: string;
  position: number;
}

interface Row {
  id: number;
  lang: string;
  title: string;
  body: string;
  position: number;
  updated_by: string | null;
  updated_at: number;
}

export class QuickReplies {
  constructor(private readonly db: Db) {}

  /** In one language, or every language; in their order. */
  list(lang?: string): QuickReply[] {
    const rows = lang
      ? this.db.prepare('SELECT * FROM quick_replies WHERE lang = ? ORDER BY position, id').all(lang)
      : this.db.prepare('SELECT * FROM quick_replies ORDER BY lang, position, id').all();
    return (rows as Row[]).map(toReply);
  }

  get(id: number): QuickReply | null {
    const row = this.db.prepare('SELECT * FROM quick_replies WHERE id = ?').get(id) as Row | undefined;
    return row ? toReply(row) : null;
  }

  create(r: QuickReplyInput, by: string | null, now: number): QuickReply {
    const id = this.db
      .prepare('INSERT INTO quick_replies (lang, title, body, position, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(r.lang, r.title, r.body, r.position, by, now).lastInsertRowid;
    return this.get(Number(id))!;
  }

  update(id: number, r: QuickReplyInput, by: string, now: number): QuickReply | null {
    const changed = this.db
      .prepare('UPDATE quick_replies SET lang = ?, title = ?, body = ?, position = ?, updated_by = ?, updated_at = ? WHERE id = ?')
      .run(r.lang, r.title, r.body, r.position, by, now, id).changes;
    return changed ? this.get(id) : null;
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM quick_replies WHERE id = ?').run(id).changes > 0;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM quick_replies').pluck().get() as number;
  }

  /** Fill an empty table with the default replies in every shipped language. Returns how many. */
  seed(texts: Texts, now: number): number {
    let n = 0;
    this.db.transaction(() => {
      for (const lang of texts.languages) {
        DEFAULT_QUICK_REPLIES.forEach((name, position) => {
          const title = texts.render(lang, 'console', `qr_${name}_title`, undefined);
          const body = texts.render(lang, 'console', `qr_${name}_body`, undefined);
          if (!title || !body) return;
          this.create({ lang, title, body, position }, null, now);
          n++;
        });
      }
    })();
    return n;
  }
}

function toReply(r: Row): QuickReply {
  return { id: r.id, lang: r.lang, title: r.title, body: r.body, position: r.position, updatedBy: r.updated_by, updatedAt: r.updated_at };
}
