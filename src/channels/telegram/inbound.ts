/**
 * What a private-chat message means for Haven: an engine input, a wipe request, text too long
 * to take, or something we do not read (photos, voice, stickers, files...). Pure, so it is
 * tested without a bot. Nothing here downloads a file: only the message's kind is looked at.
 */
import type { Message } from 'grammy/types';
import type { Input } from '../../engine/types';
import type { TelegramWords } from './words';

/** Longest text taken in, in UTF-8 bytes (4 KB); longer is refused and changes nothing. */
export const MAX_TEXT_BYTES = 4096;

/** `/name` or `/name@SomeBot`, with anything after a space ignored (deep-link payloads). */
const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@[A-Za-z0-9_]+)?(?:\s|$)/;

export type Inbound =
  | { kind: 'input'; input: Input }
  | { kind: 'wipe' }
  | { kind: 'too_long' }
  /** media, files, contacts, polls...: answered kindly, never opened */
  | { kind: 'unsupported' };

export function readMessage(message: Message, words: TelegramWords): Inbound {
  const langHint = message.from?.language_code;
  const hint = langHint ? { langHint } : {};
  const place = message.location ?? message.venue?.location;
  if (place) return { kind: 'input', input: { type: 'location', point: { lat: place.latitude, lon: place.longitude } } };

  const text = message.text;
  if (text === undefined) return { kind: 'unsupported' };
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) return { kind: 'too_long' };

  const command = COMMAND.exec(text);
  if (command) {
    const name = command[1]!.toLowerCase();
    if (name === 'start') return { kind: 'input', input: { type: 'start', ...hint } };
    if (name === 'wipe') return { kind: 'wipe' };
    return { kind: 'input', input: { type: 'command', name, ...hint } };
  }
  if (words.isWipe(text)) return { kind: 'wipe' };
  return { kind: 'input', input: { type: 'text', text, ...hint } };
}
