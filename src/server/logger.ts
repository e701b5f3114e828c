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

/**
 * What may be logged of an error: its class, code and where it was thrown; not its message,
 * which can quote what a user sent (a JSON parse error shows the text around the fault).
 */
export function errorFields(err: unknown): { name: string; code?: string; at?: string } {
  if (!(err instanceof Error)) return { name: typeof err };
  const code = (err as NodeJS.ErrnoException).code;
  const at = err.stack?.split('\n').slice(1, 8).join('\n');
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}), ...(at ? { at } : {}) };
}
