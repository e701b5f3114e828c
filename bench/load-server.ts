/**
 * `haven serve` (the built dist/) as a separate process for load and fault runs: started on a
 * fixed port and data folder so that it can be killed and started again on the same ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The built CLI: dist/src/cli/haven.js, whether this file runs from bench/ (ts-jest) or dist/bench/. */
export const HAVEN_CLI = [path.join(__dirname, '..', 'src', 'cli', 'haven.js'), path.join(__dirname, '..', 'dist', 'src', 'cli', 'haven.js')].find((f) =>
  fs.existsSync(f),
) ?? path.join(__dirname, '..', 'dist', 'src', 'cli', 'haven.js');

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** everything written so far */
  stdout(): string;
  stderr(): string;
  /** resolves with the exit code (null when killed by a signal) and the signal */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A port free right now (the OS picks it), so a restart can listen on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export function startServer(env: Record<string, string>, o: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [HAVEN_CLI, 'serve'], {
    // A deployment's own content can be loaded the same way: HAVEN_FLOWS_DIR and HAVEN_LOCALES_DIR pass through.
    env: { PATH: process.env['PATH'] ?? '', HAVEN_LOG_LEVEL: 'warn', ...contentDirs(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`haven serve did not become ready:\n${stdout}\n${stderr}`));
    }, o.timeoutMs ?? 30_000);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`haven serve exited (${code ?? signal}) before it was ready:\n${stdout}\n${stderr}`));
    });
    // Ready means /readyz says so: flows loaded and the database takes writes.
    const port = Number(env['PORT']);
    const poll = async () => {
      for (;;) {
        if (child.exitCode !== null || child.signalCode !== null) return;
        try {
          const r = await fetch(`http://127.0.0.1:${port}/readyz`);
          if (r.status === 200) break;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${port}`, port, child, stdout: () => stdout, stderr: () => stderr, exited });
    };
    void poll();
  });
}

function contentDirs(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['HAVEN_FLOWS_DIR', 'HAVEN_LOCALES_DIR']) {
    const v = process.env[name];
    if (v) out[name] = v;
  }
  return out;
}
