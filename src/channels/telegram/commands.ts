/**
 * The bot's command list, as Telegram shows it in the menu, in every shipped language. The
 * descriptions are neutral (nothing says what Haven is about) because a phone may be seen
 * over a shoulder. The engine maps the commands (`/menu`, `/sos`...); `/wipe` is the channel's.
 */
import type { Api } from 'grammy';
import type { BotCommand, LanguageCode } from 'grammy/types';
import type { TelegramWords } from './words';

export const COMMANDS = ['start', 'menu', 'sos', 'human', 'language', 'wipe', 'delete', 'stop'] as const;

export function commandList(words: TelegramWords, lang: string): BotCommand[] {
  return COMMANDS.map((command) => ({ command, description: words.say(lang, `commands.${command}`) }));
}

/** The fallback language's list for everyone, then each other language's for its users. */
export async function setCommands(api: Api, words: TelegramWords): Promise<void> {
  const [fallback, ...others] = words.texts.languages;
  if (fallback) await api.setMyCommands(commandList(words, fallback));
  for (const lang of others) {
    if (isLanguageCode(lang)) await api.setMyCommands(commandList(words, lang), { language_code: lang });
  }
}

/** Telegram takes two-letter ISO 639-1 codes here; a regional code ("pt-BR") keeps the default list. */
function isLanguageCode(lang: string): lang is LanguageCode {
  return /^[a-z]{2}$/.test(lang);
}
