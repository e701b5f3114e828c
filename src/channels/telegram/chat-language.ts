/**
 * The language each chat last spoke, so the channel's own replies ("I can only read text",
 * "too long", "chat cleared") come in the user's language even when it differs from their
 * Telegram app. Memory only, bounded, keyed by pseudonym; losing it just means falling back
 * to `language_code`.
 */

/** Chats remembered at once; the least recently active are forgotten first. */
const MAX_CHATS = 50_000;

export class ChatLanguages {
  private readonly byKey = new Map<string, string>();

  get(key: string): string | undefined {
    return this.byKey.get(key);
  }

  set(key: string, lang: string): void {
    this.byKey.delete(key); // re-insert so the map's order is least recently active first
    this.byKey.set(key, lang);
    if (this.byKey.size > MAX_CHATS) {
      const oldest = this.byKey.keys().next().value;
      if (oldest !== undefined) this.byKey.delete(oldest);
    }
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }
}
