/**
 * Structured logs (pino). Logs never carry message text or raw channel ids: the redaction
 * list below blanks the fields that could, should one ever be passed by mistake.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_FIELDS = [
  'text',
  'message.text',
  'userId',
  'chatId',
  'from',
  'chat',
  'username',
  'name',
  'phone',
  'lat',
  'lon',
  'point',
  'place',
  'req.headers.cookie',
  'req.headers.authorization',
];

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_FIELDS, censor: '[redacted]' }, base: { app: 'haven' } },
    destination,
  );
}
