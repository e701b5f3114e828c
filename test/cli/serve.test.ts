/**
 * `haven serve` as an operator meets it: it starts with no configuration, answers health
 * checks, refuses to start on broken flows or a bad setting (naming what is wrong), and stops
 * cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'content');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function serve(env: Record<string, string>, whileRunning?: (port: number) => Promise<void>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve'], {
      env: { PATH: process.env['PATH'] ?? '', PORT: '0', HAVEN_LOG_LEVEL: 'info', ...env },
    });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on http:\/\/localhost:(\d+)\//.exec(stdout);
      if (m && !started && whileRunning) {
        started = true;
        whileRunning(Number(m[1])).then(
          () => child.kill('SIGTERM'),
          (e: unknown) => {
            child.kill('SIGKILL');
            reject(e);
          },
        );
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

test('starts with no configuration, answers /healthz and /readyz, and stops on SIGTERM', async () => {
  const dataDir = tempDir();
  const run = await serve({ HAVEN_DATA_DIR: dataDir }, async (port) => {
    const health = await fetch(`http://localhost:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://localhost:${port}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
  expect(run.code).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'haven.sqlite'))).toBe(true);
  // the generated pseudonym secret is owner-only, and its value never reaches the log
  const secret = fs.readFileSync(path.join(dataDir, 'pseudonym.secret'), 'utf8').trim();
  expect(fs.statSync(path.join(dataDir, 'pseudonym.secret')).mode & 0o777).toBe(0o600);
  expect(run.stdout).not.toContain(secret);
  expect(run.stdout).toMatch(/HAVEN_PSEUDONYM_SECRET is not set/);
});

test('refuses to start on broken flows and prints file:line:column', async () => {
  const dir = tempDir();
  fs.cpSync(FIXTURE, dir, { recursive: true });
  const main = path.join(dir, 'flows', 'main.yaml');
  fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('next: done }\n      - { id: b', 'next: nowhere }\n      - { id: b'));
  const run = await serve({
    HAVEN_DATA_DIR: tempDir(),
    HAVEN_FLOWS_DIR: path.join(dir, 'flows'),
    HAVEN_LOCALES_DIR: path.join(dir, 'locales'),
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/refusing to start/);
  expect(run.stderr).toMatch(/main\.yaml:9:34 error: nodes\.ask\.choices\.0\.next: unknown node "nowhere"/);
});

test('a bad setting stops start-up with the variable, the problem and an example', async () => {
  const run = await serve({ HAVEN_DATA_DIR: tempDir(), PORT: 'eighty', HAVEN_SESSION_TTL_MINUTES: '0' });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/PORT="eighty": must be a whole number \(example: PORT=3000\)/);
  expect(run.stderr).toMatch(/HAVEN_SESSION_TTL_MINUTES="0": .*\(example: HAVEN_SESSION_TTL_MINUTES=30\)/);
});
