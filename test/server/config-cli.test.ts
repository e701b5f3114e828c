/**
 * `haven config check` and `haven config example` as an operator runs them: a separate
 * process, exit codes, every problem on standard error, secrets never shown.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'haven.js');

function haven(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', HAVEN_DATA_DIR: tempDir(), ...env }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('config check: exit 0 and a summary for a good configuration; --show lists values and where they came from, secrets hidden', () => {
  const file = path.join(tempDir(), 'haven.yaml');
  fs.writeFileSync(file, 'HAVEN_LOG_LEVEL: warn\nHAVEN_PSEUDONYM_SECRET: a-secret-from-the-config-file-of-40-chars\n');
  const r = haven(['config', 'check', '--show'], { HAVEN_CONFIG_FILE: file, PORT: '8080' });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^PORT\s+8080\s+\[environment\]$/m);
  expect(r.stdout).toMatch(/^HAVEN_LOG_LEVEL\s+warn\s+\[config file\]$/m);
  expect(r.stdout).toMatch(/^HAVEN_PSEUDONYM_SECRET\s+\(hidden\)\s+\[config file\]$/m);
  expect(r.stdout).toMatch(/^HAVEN_SESSION_TTL_MINUTES\s+30\s+\[default\]$/m);
  expect(r.stdout).not.toContain('a-secret-from-the-config-file');
  expect(r.stdout).toMatch(/configuration is valid: \d+ settings checked/);
});

test('config check: exit 1 with every problem, across modules, naming the variable and an example; warns of a misspelt one', () => {
  const r = haven(['config', 'check'], {
    PORT: 'eighty',
    TELEGRAM_TOKEN: 'not-a-token',
    HAVEN_CONSENT_AGE: '99',
    HAVEN_QUICK_EXIT_URL: 'javascript:alert(1)',
    HAVEN_LOG_LEVLE: 'debug',
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('PORT="eighty": must be a whole number (example: PORT=3000)');
  expect(r.stderr).toMatch(/TELEGRAM_TOKEN=\(hidden\): must look like .*\(example: TELEGRAM_TOKEN=/);
  expect(r.stderr).not.toContain('not-a-token');
  expect(r.stderr).toMatch(/HAVEN_CONSENT_AGE="99": .*\(example: HAVEN_CONSENT_AGE=16\)/);
  expect(r.stderr).toMatch(/HAVEN_QUICK_EXIT_URL="javascript:alert\(1\)": must be an http\(s\) URL/);
  expect(r.stderr).toContain('warning: HAVEN_LOG_LEVLE is set but is not a Haven setting (did you mean HAVEN_LOG_LEVEL?); it is ignored');
});

test('config check: a data folder that cannot be made is a problem like a bad value', () => {
  const r = haven(['config', 'check'], { HAVEN_DATA_DIR: '/dev/null/haven' });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/HAVEN_DATA_DIR="\/dev\/null\/haven": \/dev\/null is not a folder/);
});

test('haven serve refuses to start on the same problems, before opening anything', () => {
  const dataDir = tempDir();
  const r = haven(['serve'], { HAVEN_DATA_DIR: dataDir, PORT: '0', HAVEN_CONFIG_FILE: '/nonexistent/haven.env' });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('HAVEN_CONFIG_FILE="/nonexistent/haven.env": cannot read the file (ENOENT)');
  expect(fs.readdirSync(dataDir)).toEqual([]);
});

test('config example prints .env.example, and --write writes it', () => {
  const r = haven(['config', 'example']);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8'));
  const out = path.join(tempDir(), '.env.example');
  expect(haven(['config', 'example', '--write', out]).code).toBe(0);
  expect(fs.readFileSync(out, 'utf8')).toBe(r.stdout);
});
