/**
 * `haven caseworker add|list|disable|enable|reset-password`, run as the real command in its own
 * process against a real data folder: the password comes from standard input (never an
 * argument), is stored only as a scrypt hash, weak ones are refused, and each change is in the
 * audit log as done from the command line.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Accounts } from '../../src/console/accounts';
import { AuditLog } from '../../src/console/audit-log';
import { ConsoleSessions } from '../../src/console/console-sessions';
import { verifyPassword } from '../../src/console/passwords';
import { openDatabase } from '../../src/store/database';
import { tempDir } from '../support/tmp';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');

function haven(args: string[], input = '') {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, HAVEN_LOG_LEVEL: 'silent' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function store(dir: string) {
  const db = openDatabase(dir);
  return { db, accounts: new Accounts(db), audit: new AuditLog(db) };
}

const ADD = ['caseworker', 'add', '--username', 'amira', '--first-name', 'Amira', '--role', 'supervisor', '--title', 'social worker'];

test('add reads the password from standard input and stores only its hash; list shows the account', () => {
  const dir = tempDir();
  const added = haven([...ADD, '--data-dir', dir], 'correct horse battery staple\n');
  expect([added.code, added.err]).toEqual([0, '']);
  expect(added.out).toBe('created supervisor "amira" (Amira, social worker); they sign in at /console\n');
  const list = haven(['caseworker', 'list', '--data-dir', dir]);
  expect(list.out).toMatch(/^amira\s+supervisor\s+active\s+Amira \(social worker\)\n$/);
  const json = haven(['caseworker', 'list', '--json', '--data-dir', dir]);
  expect(JSON.parse(json.out)).toEqual({ username: 'amira', role: 'supervisor', firstName: 'Amira', title: 'social worker', state: 'active', lastSignIn: null });
  const s = store(dir);
  const a = s.accounts.byUsername('amira')!;
  const row = JSON.stringify(s.db.prepare('SELECT * FROM caseworkers').all());
  expect(row).not.toContain('horse');
  return verifyPassword('correct horse battery staple', s.accounts.passwordHash(a.id)!).then((ok) => {
    expect(ok).toBe(true);
    expect(s.audit.list({ limit: 5 }).map((e) => [e.actor, e.action, e.subjectId])).toEqual([['(command line)', 'account_create', a.id]]);
    s.db.close();
  });
});

test('a password is never taken as an argument, and weak, missing or duplicate input changes nothing', () => {
  const dir = tempDir();
  expect(haven([...ADD, '--password', 'correct horse battery staple', '--data-dir', dir]).code).toBe(2);
  const short = haven([...ADD, '--data-dir', dir], 'short\n');
  expect(short.code).toBe(1);
  expect(short.err).toContain('at least 10 characters');
  expect(haven([...ADD, '--data-dir', dir], 'amira\n').code).toBe(1);
  expect(haven([...ADD, '--data-dir', dir], '').code).toBe(1);
  const badRole = haven(['caseworker', 'add', '--username', 'x1x', '--first-name', 'X', '--role', 'admin', '--title', 't', '--data-dir', dir], 'correct horse battery\n');
  expect([badRole.code, badRole.err]).toEqual([2, expect.stringContaining('--role must be caseworker or supervisor')]);
  const missing = haven(['caseworker', 'add', '--username', 'x1x', '--data-dir', dir]);
  expect([missing.code, missing.err]).toEqual([2, expect.stringContaining('missing --first-name, --role, --title')]);
  const s = store(dir);
  expect(s.accounts.list()).toEqual([]);
  s.db.close();
  expect(haven([...ADD, '--data-dir', dir], 'correct horse battery\n').code).toBe(0);
  const twice = haven([...ADD, '--data-dir', dir], 'correct horse battery\n');
  expect([twice.code, twice.err]).toEqual([1, 'haven caseworker add: the username "amira" is taken\n']);
});

test('disable ends the sessions and refuses to disable the last supervisor; enable; reset-password', async () => {
  const dir = tempDir();
  haven([...ADD, '--data-dir', dir], 'correct horse battery\n');
  haven(['caseworker', 'add', '--username', 'ben', '--first-name', 'Ben', '--role', 'caseworker', '--title', 'counsellor', '--data-dir', dir], 'another good password\n');
  let s = store(dir);
  const ben = s.accounts.byUsername('ben')!;
  new ConsoleSessions(s.db, 60_000, 60_000).create(ben.id, Date.now());
  s.db.close();
  expect(haven(['caseworker', 'disable', '--username', 'ben', '--data-dir', dir]).out).toBe('disabled "ben" (1 session ended)\n');
  const last = haven(['caseworker', 'disable', '--username', 'amira', '--data-dir', dir]);
  expect([last.code, last.err]).toEqual([1, expect.stringContaining('last supervisor')]);
  expect(haven(['caseworker', 'list', '--data-dir', dir]).out).toMatch(/ben\s+caseworker\s+disabled/);
  expect(haven(['caseworker', 'enable', '--username', 'ben', '--data-dir', dir]).code).toBe(0);
  expect(haven(['caseworker', 'reset-password', '--username', 'ben', '--data-dir', dir], 'a brand new password\n').out).toBe('new password set for "ben" (0 sessions ended)\n');
  expect(haven(['caseworker', 'reset-password', '--username', 'nobody', '--data-dir', dir], 'a brand new password\n').code).toBe(1);
  s = store(dir);
  expect(await verifyPassword('a brand new password', s.accounts.passwordHash(ben.id)!)).toBe(true);
  expect(s.audit.list({ limit: 10 }).map((e) => e.action).reverse()).toEqual(['account_create', 'account_create', 'account_disable', 'account_enable', 'password_reset']);
  s.db.close();
});

test('each command has --help', () => {
  for (const c of ['add', 'list', 'disable', 'enable', 'reset-password']) {
    const h = haven(['caseworker', c, '--help']);
    expect([c, h.code, h.out.startsWith(`Usage: haven caseworker ${c}`)]).toEqual([c, 0, true]);
  }
  expect(haven(['--help']).out).toContain('caseworker add');
});
