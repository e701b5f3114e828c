/**
 * What the Telegram channel itself says (not the flows): the kind reply to photos and files,
 * "too long", the location button, the wipe confirmation and the command list. Words live in
 * `locales/<lng>/telegram.json`; the wipe words there are one comma-separated line per language.
 */
import type { Texts } from '../../engine/texts';
import { normalize } from '../../engine/normalize';
import { pickLanguage } from '../../i18n/language';

export const TELEGRAM_NS = 'telegram';

/** Separators allowed between wipe words (the Arabic comma too, which translators will type). */
const WORD_SEPARATORS = /[,،;]/;

export class TelegramWords {
  private readonly wipeWords: Set<string>;

  constructor(readonly texts: Texts) {
    this.wipeWords = new Set(
      texts.languages.flatMap((lng) =>
        (texts.render(lng, TELEGRAM_NS, 'wipe_words', undefined) ?? '')
          .split(WORD_SEPARATORS)
          .map((w) => normalize(w))
          .filter((w) => w.length > 0),
      ),
    );
  }

  /** A channel sentence in `lang` (fallback language per key; never a raw key). */
  say(lang: string, key: string): string {
    return this.texts.render(lang, TELEGRAM_NS, key, undefined) ?? this.texts.render(lang, 'engine', 'missing_text', undefined) ?? '…';
  }

  /** True if the whole message is a wipe word in any shipped language ("clear chat", "очистити чат"). */
  isWipe(text: string): boolean {
    return this.wipeWords.has(normalize(text));
  }

  /** A shipped language for a Telegram `language_code`, or the fallback. */
  languageFor(hint: string | undefined): string {
    return pickLanguage(hint, this.texts.languages) ?? this.texts.languages[0] ?? 'en';
  }
}
