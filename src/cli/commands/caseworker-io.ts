/**
 * What the `haven caseworker` commands share: the data folder, the console's tables, and
 * reading a password without echoing it (from a terminal) or from standard input (a script:
 * `printf '%s\n' "$PASSWORD" | haven caseworker add ...`), never from an argument, which
 * would be visible in `ps` and the shell history.
 */
import path from 'node:path';
import { Accounts } from '../../console/accounts';
import { AuditLog } from '../../console/audit-log';
import { ConsoleSessions } from '../../console/console-sessions';
import { passwordProblem } from '../../console/passwords';
import { ConfigError, loadConfig } from '../../server/config';
import { openDatabase, type Db } from '../../store/database';

export const DATA_DIR_OPTION = { 'data-dir': { type: 'string' } } as const;

export interface ConsoleStore {
  db: Db;
  accounts: Accounts;
  audit: AuditLog;
  sessions: ConsoleSessions;
  close(): void;
}

/** Open the database (applying migrations) for a `haven caseworker` command; null after printing why not. */
export function openConsoleStore(command: string, dataDirOption: string | undefined): ConsoleStore | null {
  let dataDir: string;
  try {
    dataDir = dataDirOption ? path.resolve(dataDirOption) : loadConfig().HAVEN_DATA_DIR;
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`haven ${command}: ${e.message}\n`);
    return null;
  }
  const db = openDatabase(dataDir);
  return {
    db,
    accounts: new Accounts(db),
    audit: new AuditLog(db),
    // Only ending sessions: the lifetimes do not matter here.
    sessions: new ConsoleSessions(db, 1, 1),
    close: () => db.close(),
  };
}

/**
 * The new password: typed twice without echo at a terminal, or the first line of standard
 * input. Returns null (after printing why) when it is missing, mistyped or too weak.
 */
export async function readNewPassword(command: string, username: string): Promise<string | null> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await promptHidden('Password: ');
    const again = await promptHidden('Password again: ');
    if (password !== again) {
      process.stderr.write(`haven ${command}: the two passwords differ; nothing was changed\n`);
      return null;
    }
  } else {
    password = firstLine(await readAll(process.stdin));
  }
  const problem = passwordProblem(password) ?? (password.toLowerCase() === username.toLowerCase() ? 'the password must not be the username' : null);
  if (problem) {
    process.stderr.write(`haven ${command}: ${problem}; nothing was changed\n`);
    return null;
  }
  return password;
}

function firstLine(text: string): string {
  const end = text.search(/\r?\n/);
  return end < 0 ? text : text.slice(0, end);
}

function readAll(stream: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

/** Read a line from the terminal with echo off (raw mode); Ctrl-C or Ctrl-D cancels. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const done = (err: Error | null) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}
