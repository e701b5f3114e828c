/**
 * `haven serve` as its own process (the built dist/), for end-to-end tests of stacks that
 * only run in plain Node (the Agents SDK loads an ES module that Jest cannot require). The
 * port is read from the start-up log; stdout (the JSON log) is kept for checks.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../../src/store/database';
import { tempDir } from './tmp';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');

export interface HavenProcess {
  url: string;
  dataDir: string;
  /** everything logged so far */
  stdout(): string;
  stderr(): string;
  /** the database file and its -wal and -shm files, as bytes (for canary scans) */
  files(): Buffer[];
  /** SIGTERM, then the exit code */
  stop(): Promise<number | null>;
}

export function startHaven(env: Record<string, string>): Promise<HavenProcess> {
  const dataDir = tempDir('haven-serve-');
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      PATH: process.env['PATH'] ?? '',
      PORT: '0',
      HAVEN_DATA_DIR: dataDir,
      HAVEN_LOG_LEVEL: 'debug',
      HAVEN_PSEUDONYM_SECRET: 'process-test-secret-of-at-least-32-characters',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`haven serve did not start:\n${stdout}\n${stderr}`));
    }, 20_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on http:\/\/localhost:(\d+)\//.exec(stdout);
      if (!m || !timer) return;
      clearTimeout(timer);
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        dataDir,
        stdout: () => stdout,
        stderr: () => stderr,
        files: () =>
          ['', '-wal', '-shm']
            .map((s) => path.join(dataDir, DATABASE_FILE + s))
            .filter((f) => fs.existsSync(f))
            .map((f) => fs.readFileSync(f)),
        async stop() {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`haven serve exited with ${code}:\n${stderr}`));
    });
  });
}
