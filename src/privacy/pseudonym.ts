/**
 * Pseudonymous keys: every session and record is keyed by HMAC-SHA256(secret, channel:userId),
 * so the database never holds a channel's user or chat id. The secret never leaves the server;
 * rotating it forgets every session (the old keys can no longer be computed).
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'pseudonym.secret';
const MIN_SECRET_LENGTH = 32; // characters; shorter secrets are guessable offline

export function pseudonym(secret: string, channel: string, userId: string | number): string {
  return createHmac('sha256', secret).update(`${channel}:${userId}`).digest('base64url');
}

export interface SecretSource {
  secret: string;
  /** true if the secret was generated now because none was configured */
  generated: boolean;
  file: string | null;
}

/**
 * The configured secret, or the one kept in the data directory, or a new one written there
 * with owner-only permissions (the caller logs a warning when `generated`).
 */
export function loadSecret(configured: string | undefined, dataDir: string): SecretSource {
  if (configured) {
    if (configured.length < MIN_SECRET_LENGTH) {
      throw new Error(`HAVEN_PSEUDONYM_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    }
    return { secret: configured, generated: false, file: null };
  }
  if (dataDir === ':memory:') return { secret: randomBytes(32).toString('base64url'), generated: true, file: null };
  const file = path.join(dataDir, SECRET_FILE);
  if (fs.existsSync(file)) return { secret: fs.readFileSync(file, 'utf8').trim(), generated: false, file };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  return { secret, generated: true, file };
}
