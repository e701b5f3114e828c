/**
 * `/wipe`: delete both sides of a private chat from the last 48 hours (as far back as
 * Telegram lets a bot), so a shared phone shows no conversation. One neutral line is left.
 */
import type { Api } from 'grammy';
import type { RecentMessages } from './recent-messages';

/** Telegram's `deleteMessages` takes at most this many ids per call. */
const DELETE_BATCH = 100;

/** Deletes what it can; returns how many ids were sent for deletion. Never throws. */
export async function wipeChat(api: Api, chatId: number, key: string, recent: RecentMessages): Promise<number> {
  const ids = recent.wipeable(key);
  for (let i = 0; i < ids.length; i += DELETE_BATCH) {
    const batch = ids.slice(i, i + DELETE_BATCH);
    try {
      await api.deleteMessages(chatId, batch);
    } catch {
      // One undeletable message can fail the batch: try the rest one by one.
      for (const id of batch) await api.deleteMessage(chatId, id).catch(() => undefined);
    }
  }
  recent.forget(key);
  return ids.length;
}
