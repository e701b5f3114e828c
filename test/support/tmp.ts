/** Temporary folders for tests, removed when the test file ends. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

export function tempDir(prefix = 'haven-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the shipped flows and locales that a test may break on purpose. */
export function copyOfShippedContent(): { flowsDir: string; localesDir: string } {
  const root = path.join(__dirname, '..', '..');
  const dir = tempDir('haven-content-');
  const flowsDir = path.join(dir, 'flows');
  const localesDir = path.join(dir, 'locales');
  fs.cpSync(path.join(root, 'flows'), flowsDir, { recursive: true });
  fs.cpSync(path.join(root, 'locales'), localesDir, { recursive: true });
  return { flowsDir, localesDir };
}
