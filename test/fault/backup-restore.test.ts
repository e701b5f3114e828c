/**
 * `haven backup` while Haven runs under load, then `haven restore` into a new data folder: the
 * backup is one consistent, checked, owner-only file; after a restore, a Haven started on the
 * new folder (with the same pseudonym secret) finds every conversation that had an answer
 * before the backup began. Restore refuses to overwrite a database without --force and keeps
 * the old one aside when forced; a damaged backup is refused.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkAfterCrash } from '../../bench/load-checks';
import { runLoad, sleep, type UserRecord } from '../../bench/load-client';
import { freePort, HAVEN_CLI, startServer } from '../../bench/load-server';
import { DATABASE_FILE } from '../../src/store/database';
import { tempDir } from '../support/tmp';

const SECRET = 'backup-test-pseudonym-secret-of-at-least-32-chars';

function haven(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [HAVEN_CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('an online backup under load restores into a new data folder with every conversation answered before it', async () => {
  const dataDir = tempDir('haven-live-');
  const backups = tempDir('haven-backups-');
  const file = path.join(backups, 'daily', 'haven-backup.sqlite'); // the folder is made as needed
  const env = { HAVEN_DATA_DIR: dataDir, HAVEN_PSEUDONYM_SECRET: SECRET, HAVEN_SESSION_MESSAGES_PER_MINUTE: '600', HAVEN_SESSION_MESSAGE_BURST: '100' };
  const server = await startServer({ ...env, PORT: String(await freePort()) });
  try {
    const stop = new AbortController();
    const live: UserRecord[] = [];
    const loading = runLoad({ url: server.url, users: 60, seconds: 60, thinkMs: [50, 200], rampMs: 300, avoid: /^(delete|no)$/, signal: stop.signal, live });
    await sleep(3000);

    // The users as they stand when the backup starts: each answer they had is one the backup must hold.
    const before = live.map((u) => ({ ...u }));
    const done = await haven(['backup', file], env);
    await sleep(1000); // the load goes on after the backup
    stop.abort();
    await loading;
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^backed up to .*haven-backup\.sqlite \(\d+ KB in \d+ ms; integrity ok; rows: .*sessions \d+/m);
    expect(done.stdout).toMatch(/the pseudonym secret .* is not in the backup/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    // A new data folder, as after losing the server: restore, then start Haven on it.
    const restored = tempDir('haven-restored-');
    const r = await haven(['restore', file], { HAVEN_DATA_DIR: restored });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^restored .*haven\.sqlite .*integrity ok/m);
    expect(r.stdout).toMatch(/warning: no pseudonym secret/); // the secret is kept apart from backups
    const again = await startServer({ HAVEN_DATA_DIR: restored, HAVEN_PSEUDONYM_SECRET: SECRET, PORT: String(await freePort()) });
    const report = checkAfterCrash({ dataDir: restored, secret: SECRET, ttlMs: 30 * 60_000, users: before, consentsBefore: [] });
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
    expect(report.integrity).toBe('ok');
    expect(report.usersChecked).toBeGreaterThan(30);
    expect(report.sessionsMissing).toBe(0);

    // Restore never overwrites silently; forced, it keeps the old database aside.
    const refused = await haven(['restore', file], { HAVEN_DATA_DIR: restored });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/exists; stop Haven and run again with --force/);
    const forced = await haven(['restore', file, '--force'], { HAVEN_DATA_DIR: restored, HAVEN_PSEUDONYM_SECRET: SECRET });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/the database it replaced is kept as .*haven\.sqlite\.before-restore-/);
    expect(fs.readdirSync(restored).filter((f) => f.startsWith(`${DATABASE_FILE}.before-restore-`))).toHaveLength(1);

    // A damaged file is no backup; nor is an existing file overwritten by a new backup.
    const damaged = path.join(backups, 'damaged.sqlite');
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(file).subarray(0, 4096), Buffer.alloc(8192, 0xab)]));
    const bad = await haven(['restore', damaged, '--force'], { HAVEN_DATA_DIR: tempDir('haven-bad-') });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/haven restore: .*(not a sound database|failed the integrity check|cannot be opened)/);
    const twice = await haven(['backup', file], { HAVEN_DATA_DIR: restored });
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/exists; choose a new file name/);
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  }
}, 120_000);
