/**
 * The page's own words (buttons, labels, status lines) in one language, from the `webchat`
 * namespace (`locales/<lng>/webchat.json`). The title and the bot's name are neutral words in
 * that namespace unless the deployer configured their own (discreet mode).
 */
import type { Texts } from '../../engine/texts';

/** Every key of `locales/<lng>/webchat.json`; a test keeps this list and the English file equal. */
export const UI_KEYS = [
  'title',
  'bot_name',
  'you',
  'log_label',
  'choices_label',
  'message_label',
  'placeholder',
  'send',
  'exit',
  'exit_hint',
  'language',
  'share_location',
  'location_or_type',
  'locating',
  'location_failed',
  'location_sent',
  'reconnecting',
  'send_failed',
  'too_long',
  'restarted',
  'no_script',
] as const;

export type UiKey = (typeof UI_KEYS)[number];

export interface Branding {
  /** HAVEN_PAGE_TITLE, if set */
  title?: string | undefined;
  /** HAVEN_BOT_NAME, if set */
  botName?: string | undefined;
}

/** The page's words in one language (`WireUi` in wire.d.ts). */
export type UiStrings = WireUi;

export function uiStrings(texts: Texts, lang: string, branding: Branding): UiStrings {
  const t = (key: UiKey) => texts.render(lang, 'webchat', key, undefined) ?? key;
  return {
    lang,
    dir: texts.dir(lang),
    title: branding.title ?? t('title'),
    botName: branding.botName ?? t('bot_name'),
    strings: Object.fromEntries(UI_KEYS.map((key) => [key, t(key)])),
  };
}
