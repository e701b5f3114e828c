/**
 * Configuration as an operator meets it: every setting from the environment or a config file
 * (.env or YAML; the environment wins; NAME_FILE for secrets), every problem reported at once
 * with the variable's name, the problem and an example, and every setting documented.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSettings, declaredSettings, settingsModules } from '../../src/server/all-settings';
import { coreSettings, loadConfig } from '../../src/server/config';
import { pathProblems } from '../../src/server/config-paths';
import { envExample } from '../../src/server/env-example';
import { ConfigError, defineSettings, intSetting, readSettings } from '../../src/server/settings';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');

function file(name: string, text: string): string {
  const f = path.join(tempDir(), name);
  fs.writeFileSync(f, text);
  return f;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('sources', () => {
  test('defaults apply when nothing is set', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.HAVEN_SESSION_MESSAGES_PER_MINUTE).toBe(60);
    expect(c.HAVEN_TRUST_PROXY).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    expect(c.HAVEN_METRICS_TOKEN).toBeUndefined();
  });

  test('a .env config file is read; the environment wins over it; an empty variable counts as unset', () => {
    const f = file(
      'haven.env',
      [
        '# comment',
        '',
        'PORT=8080',
        'export HAVEN_LOG_LEVEL=warn',
        'HAVEN_SESSION_TTL_MINUTES = 45   # inline comment',
        'HAVEN_TRUST_PROXY="loopback, 10.0.0.0/8"',
        "HAVEN_DATA_DIR='/srv/haven data'",
      ].join('\n'),
    );
    const c = loadConfig({ HAVEN_CONFIG_FILE: f, HAVEN_LOG_LEVEL: 'debug', PORT: '' });
    expect(c.PORT).toBe(8080);
    expect(c.HAVEN_LOG_LEVEL).toBe('debug');
    expect(c.HAVEN_SESSION_TTL_MINUTES).toBe(45);
    expect(c.HAVEN_TRUST_PROXY).toEqual(['loopback', '10.0.0.0/8']);
    expect(c.HAVEN_DATA_DIR).toBe('/srv/haven data');
  });

  test('a YAML config file is read the same way', () => {
    const f = file('haven.yaml', 'PORT: 8081\nHAVEN_LOG_LEVEL: error\nHAVEN_SESSION_TTL_MINUTES: 20\n');
    const c = loadConfig({ HAVEN_CONFIG_FILE: f, PORT: '9000' });
    expect(c.PORT).toBe(9000);
    expect(c.HAVEN_LOG_LEVEL).toBe('error');
    expect(c.HAVEN_SESSION_TTL_MINUTES).toBe(20);
  });

  test('NAME_FILE reads a secret from a file (Docker secrets), from the environment or the config file', () => {
    const secret = file('secret', 'a-secret-read-from-a-file-of-at-least-32-chars\n');
    expect(loadConfig({ HAVEN_PSEUDONYM_SECRET_FILE: secret }).HAVEN_PSEUDONYM_SECRET).toBe('a-secret-read-from-a-file-of-at-least-32-chars');
    const f = file('haven.env', `HAVEN_PSEUDONYM_SECRET_FILE=${secret}\n`);
    expect(loadConfig({ HAVEN_CONFIG_FILE: f }).HAVEN_PSEUDONYM_SECRET).toBe('a-secret-read-from-a-file-of-at-least-32-chars');
  });
});

describe('problems name the variable, the problem and an example', () => {
  test('every bad value is reported at once', () => {
    const problems = problemsOf(() => loadConfig({ PORT: 'eighty', HAVEN_LOG_LEVEL: 'loud', HAVEN_TRUST_PROXY: 'true', HAVEN_MAX_BODY_KB: '0' }));
    expect(problems).toEqual([
      'PORT="eighty": must be a whole number (example: PORT=3000)',
      expect.stringMatching(/^HAVEN_LOG_LEVEL="loud": .* \(example: HAVEN_LOG_LEVEL=info\)$/),
      expect.stringMatching(/^HAVEN_TRUST_PROXY="true": must be false or a comma-separated list .* \(example: HAVEN_TRUST_PROXY=loopback, 10\.0\.0\.0\/8\)$/),
      expect.stringMatching(/^HAVEN_MAX_BODY_KB="0": .* \(example: HAVEN_MAX_BODY_KB=1024\)$/),
    ]);
  });

  test('a secret is never echoed', () => {
    const problems = problemsOf(() => loadConfig({ HAVEN_PSEUDONYM_SECRET: 'short-secret' }));
    expect(problems).toEqual(['HAVEN_PSEUDONYM_SECRET=(hidden): must be at least 32 characters (example: HAVEN_PSEUDONYM_SECRET=a-long-random-string-of-at-least-32-characters)']);
    expect(problems.join()).not.toContain('short-secret');
  });

  test('a missing config file, a bad line, a duplicate and an unreadable NAME_FILE are named with their place', () => {
    expect(problemsOf(() => loadConfig({ HAVEN_CONFIG_FILE: '/nonexistent/haven.env' }))).toEqual([
      'HAVEN_CONFIG_FILE="/nonexistent/haven.env": cannot read the file (ENOENT) (example: HAVEN_CONFIG_FILE=/etc/haven/haven.env)',
    ]);
    const f = file('bad.env', 'PORT=1\nthis is not a setting\nPORT=2\nHAVEN_BOT_NAME="unclosed\n');
    expect(problemsOf(() => loadConfig({ HAVEN_CONFIG_FILE: f }))).toEqual([
      `HAVEN_CONFIG_FILE=${JSON.stringify(f)}: line 2: expected NAME=value (example: PORT=3000)`,
      `HAVEN_CONFIG_FILE=${JSON.stringify(f)}: line 3: PORT is already set on line 1`,
      `HAVEN_CONFIG_FILE=${JSON.stringify(f)}: line 4: the quoted value of HAVEN_BOT_NAME has no closing quote`,
    ]);
    const y = file('bad.yaml', 'PORT: [1, 2]\n');
    expect(problemsOf(() => loadConfig({ HAVEN_CONFIG_FILE: y }))).toEqual([
      `HAVEN_CONFIG_FILE=${JSON.stringify(y)}: line 1: PORT must have a single value, not a list or mapping`,
    ]);
    expect(problemsOf(() => loadConfig({ HAVEN_PSEUDONYM_SECRET_FILE: '/nonexistent/secret' }))).toEqual([
      expect.stringMatching(/^HAVEN_PSEUDONYM_SECRET_FILE="\/nonexistent\/secret": cannot read the file \(ENOENT\)/),
    ]);
    const secret = file('s', 'x'.repeat(40));
    expect(problemsOf(() => loadConfig({ HAVEN_PSEUDONYM_SECRET: 'y'.repeat(40), HAVEN_PSEUDONYM_SECRET_FILE: secret }))).toEqual([
      'HAVEN_PSEUDONYM_SECRET and HAVEN_PSEUDONYM_SECRET_FILE are both set: keep one',
    ]);
  });

  test('checkSettings covers every module, and flags unknown names in the file (error) and the environment (warning)', () => {
    const f = file('haven.env', 'HAVEN_SESION_TTL_MINUTES=10\nTELEGRAM_TOKEN=not-a-token\n');
    const report = checkSettings({ HAVEN_CONFIG_FILE: f, HAVEN_WEBCHAT_MAX_CONVERSATIONS: 'lots', HAVEN_CONSENT_AGE: '9', HAVEN_LOG_LEVLE: 'debug' });
    expect(report.problems).toEqual(
      expect.arrayContaining([
        `HAVEN_CONFIG_FILE=${JSON.stringify(f)}: line 1: HAVEN_SESION_TTL_MINUTES is not a Haven setting (did you mean HAVEN_SESSION_TTL_MINUTES?)`,
        expect.stringMatching(/^TELEGRAM_TOKEN=\(hidden\): must look like 123456:ABC-DEF/),
        expect.stringMatching(/^HAVEN_WEBCHAT_MAX_CONVERSATIONS="lots": must be a whole number/),
        expect.stringMatching(/^HAVEN_CONSENT_AGE="9": .*\(example: HAVEN_CONSENT_AGE=16\)/),
      ]),
    );
    expect(report.warnings).toEqual(['HAVEN_LOG_LEVLE is set but is not a Haven setting (did you mean HAVEN_LOG_LEVEL?); it is ignored']);
    expect(checkSettings({})).toEqual({ problems: [], warnings: [] });
  });

  test('folders are checked: a data folder that cannot be created, flows that are not there', () => {
    const readOnly = tempDir();
    fs.chmodSync(readOnly, 0o500);
    const problems = pathProblems({
      HAVEN_DATA_DIR: path.join(readOnly, 'data'),
      HAVEN_FLOWS_DIR: '/nonexistent/flows',
      HAVEN_LOCALES_DIR: path.join(ROOT, 'locales'),
    });
    fs.chmodSync(readOnly, 0o700);
    if (process.getuid?.() !== 0) expect(problems[0]).toMatch(/^HAVEN_DATA_DIR=".*": cannot be created: .* is not writable by this user/);
    expect(problems).toContain('HAVEN_FLOWS_DIR="/nonexistent/flows": no such folder (example: HAVEN_FLOWS_DIR=./flows)');
  });

  test('a module that reads settings the same way gets the config file too', () => {
    const spec = defineSettings({ HAVEN_TEST_COUNT: { schema: intSetting(1, 9), default: '1', example: '3', doc: 'a test setting' } });
    const f = file('haven.env', 'HAVEN_TEST_COUNT=4\n');
    expect(readSettings(spec, { HAVEN_CONFIG_FILE: f }).HAVEN_TEST_COUNT).toBe(4);
  });
});

describe('every setting is documented and its documentation is true', () => {
  test('each has a doc line, and its example and default are values it accepts', () => {
    for (const d of declaredSettings()) {
      expect(d.setting.doc.length).toBeGreaterThan(10);
      expect({ name: d.name, ok: d.setting.schema.safeParse(d.setting.example).success }).toEqual({ name: d.name, ok: true });
      if (d.setting.default !== undefined) {
        expect({ name: d.name, ok: d.setting.schema.safeParse(d.setting.default).success }).toEqual({ name: d.name, ok: true });
      }
    }
  });

  test('a name shared by two modules is the same declaration (one meaning, one default)', () => {
    const seen = new Map<string, unknown>();
    for (const m of settingsModules()) {
      for (const [name, s] of Object.entries(m.settings)) {
        if (seen.has(name)) expect({ name, same: seen.get(name) === s }).toEqual({ name, same: true });
        seen.set(name, s);
      }
    }
  });

  test('.env.example is current (regenerate with `npm run config:example`) and lists every setting', () => {
    const committed = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    expect(committed).toBe(envExample());
    for (const d of declaredSettings()) expect(committed).toMatch(new RegExp(`^#${d.name}=`, 'm'));
    for (const name of Object.keys(coreSettings)) expect(committed).toContain(`#${name}=`);
  });

  test('.env.example, uncommented, is a valid config file', () => {
    const uncommented = envExample()
      .split('\n')
      .filter((l) => /^#[A-Z][A-Z0-9_]*=/.test(l))
      .map((l) => l.slice(1))
      // the examples of optional settings are placeholders; the data folder must exist here
      .filter((l) => !/^(HAVEN_CONFIG_FILE|HAVEN_PAGE_ICON|TELEGRAM_|MICROSOFT_|BOTFRAMEWORK_)/.test(l))
      .join('\n');
    const f = file('from-example.env', uncommented);
    expect(checkSettings({ HAVEN_CONFIG_FILE: f })).toEqual({ problems: [], warnings: [] });
  });
});
