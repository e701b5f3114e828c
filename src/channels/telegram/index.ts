/** Telegram (grammY): long polling or webhook, private chats only. See telegram-channel.ts. */
import { defineChannel } from '../channel';
import { telegramSettings } from './settings';
import { TelegramChannel } from './telegram-channel';

export const channel = defineChannel({
  name: 'telegram',
  settings: telegramSettings,
  create(ctx, settings) {
    const token = settings.TELEGRAM_TOKEN;
    if (!token) return null;
    return new TelegramChannel(ctx, { ...settings, TELEGRAM_TOKEN: token });
  },
});
