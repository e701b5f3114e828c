/**
 * Consent, retention, erasure and access, on a real SQLite file: consent is asked only at or
 * above the age of digital consent, recorded with the version of the exact wording and the
 * language, allows exactly what it names, and withdrawing it erases what it allowed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openHaven, type Haven } from '../../src/conversation/open';
import { wordingVersion } from '../../src/engine/nodes/consent';
import type { Input } from '../../src/engine/types';
import { personalTables } from '../../src/privacy/erasure';
import { DATABASE_FILE } from '../../src/store/database';
import { DEFAULT_APP, FORGET_FLOW, FORGET_WORDS, writeContent } from '../support/content-builder';
import { TestClock } from '../support/haven';
import { tempDir } from '../support/tmp';

const DAY = 24 * 60 * 60 * 1000;

const CONTENT = {
  flows: {
    haven: DEFAULT_APP.replace('delete: { flow: menu', 'delete: { flow: forget'),
    main: `
flow: main
title: title
start: who
nodes:
  who:
    kind: choice
    text: who
    var: audience
    choices:
      - { id: age_13_17, label: teen, next: age, set: { track: youth } }
      - { id: adult, label: adult, next: age, set: { track: adult } }
  age: { kind: input, text: age, validator: age, var: age, next: ask }
  ask:
    kind: consent
    purpose: save_progress
    text: wording
    accept: yes
    decline: no
    yes: saved
    no: not_saved
    under_age: anonymous
  saved: { kind: set, set: { done_lesson_one: true }, next: saved_msg }
  saved_msg: { kind: message, text: saved, next: what }
  not_saved: { kind: message, text: not_saved, next: what }
  anonymous: { kind: message, text: anonymous, next: what }
  what: { kind: access, next: end }
  end: { kind: end }
`,
    menu: `
flow: menu
title: title
start: pick
nodes:
  pick:
    kind: choice
    text: pick
    choices:
      - { id: again, label: again, next: again }
  again: { kind: goto, flow: main, node: ask }
`,
    emergency: `
flow: emergency
title: title
start: call
nodes:
  call: { kind: message, text: call, next: back }
  back: { kind: resume }
`,
    forget: FORGET_FLOW,
  },
  locales: Object.fromEntries(
    (['en', 'ar'] as const).map((lng) => [
      lng,
      {
        main: {
          title: 'Main',
          who: `[${lng}] Who?`,
          teen: '13-17',
          adult: '18+',
          age: 'Age?',
          wording: `[${lng}] May I keep your progress for {{retain_progress_days}} days?`,
          yes: 'Yes',
          no: 'No',
          saved: 'Saved.',
          not_saved: 'Not saved.',
          anonymous: `Nothing is kept under {{consent_age}}.`,
        },
        menu: { title: 'Menu', pick: `[${lng}] Menu`, again: 'Again' },
        emergency: { title: 'Emergency', call: 'Call 112' },
        forget: FORGET_WORDS,
        privacy: JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'locales', lng, 'privacy.json'), 'utf8')),
      },
    ]),
  ),
};

let haven: Haven;
let dir: string;
const clock = new TestClock();

beforeEach(() => {
  dir = tempDir();
  haven = openHaven({ dataDir: dir, content: writeContent(CONTENT), clock, retention: { consentMs: 365 * DAY, progressMs: 90 * DAY, followUpMs: 30 * DAY } });
});
afterEach(() => haven.close());

const say = (text: string): Input => ({ type: 'text', text });
const rows = (table: string, key: string) => haven.db.prepare(`SELECT * FROM ${table} WHERE key = ?`).all(key) as Record<string, unknown>[];

function toConsentQuestion(key: string, audience: 'adult' | 'age_13_17', age: string, lang = 'en') {
  haven.conversations.turn(key, { type: 'start', langHint: lang });
  haven.conversations.turn(key, { type: 'choice', id: audience });
  return haven.conversations.turn(key, say(age));
}

test('an adult is asked, in plain words that state the configured period', () => {
  const { outputs } = toConsentQuestion('u1', 'adult', '30');
  const question = outputs.at(-1)!;
  expect(question.text).toBe('[en] May I keep your progress for 90 days?');
  expect(question.choices!.map((c) => c.id)).toEqual(['yes', 'no']);
});

test('consent is recorded with the version of the wording shown, its language and expiry, and allows saved progress', async () => {
  toConsentQuestion('u2', 'adult', '30', 'ar');
  const { outputs } = haven.conversations.turn('u2', { type: 'choice', id: 'yes' });
  await haven.conversations.committed();
  const [consent] = rows('consents', 'u2');
  expect(consent).toMatchObject({
    purpose: 'save_progress',
    version: wordingVersion('[ar] May I keep your progress for 90 days?'),
    lang: 'ar',
    granted_at: clock.now(),
    expires_at: clock.now() + 365 * DAY,
    revoked_at: null,
  });
  expect(outputs.find((o) => o.event?.type === 'consent')!.event).toMatchObject({ granted: true, purpose: 'save_progress' });
  const progress = JSON.parse(rows('saved_progress', 'u2')[0]!['data'] as string);
  expect(progress).toEqual({ lang: 'ar', vars: { audience: 'adult', track: 'adult', consent_save_progress: true, done_lesson_one: true } });
  // nothing but coarse answers: the typed age is not part of saved progress
  expect(JSON.stringify(progress)).not.toContain('30');
});

test('a returning user with consent gets their progress back after the session expired', () => {
  toConsentQuestion('u3', 'adult', '30', 'ar');
  haven.conversations.turn('u3', { type: 'choice', id: 'yes' });
  clock.advance(2 * DAY);
  const back = haven.conversations.turn('u3', say('hello'));
  expect(back.outputs[0]).toMatchObject({ flow: 'menu', lang: 'ar' });
  expect(back.state.vars).toMatchObject({ track: 'adult', done_lesson_one: true });
});

test('below the age of digital consent nothing is asked and nothing is kept', async () => {
  const teen = toConsentQuestion('u4', 'age_13_17', 'fifteen');
  // a teen who does not type a number is still treated as under age
  expect(teen.outputs.at(-1)!.text).toBe('Age?');
  const r = haven.conversations.turn('u4', say('15'));
  expect(r.outputs.map((o) => o.text ?? o.event?.type)).toContain('Nothing is kept under 16.');
  expect(r.outputs.some((o) => o.event?.type === 'consent')).toBe(false);
  await haven.conversations.committed();
  expect(rows('consents', 'u4')).toEqual([]);
  expect(rows('saved_progress', 'u4')).toEqual([]);
});

test('saying no records nothing kept; withdrawing later erases what the consent allowed', async () => {
  toConsentQuestion('u5', 'adult', '40');
  haven.conversations.turn('u5', { type: 'choice', id: 'yes' });
  expect(rows('saved_progress', 'u5')).toHaveLength(1);
  haven.conversations.turn('u5', say('menu'));
  haven.conversations.turn('u5', { type: 'choice', id: 'again' });
  clock.advance(1000);
  const no = haven.conversations.turn('u5', { type: 'choice', id: 'no' });
  expect(no.outputs.map((o) => o.text).filter(Boolean)[0]).toBe('Not saved.');
  expect(rows('saved_progress', 'u5')).toEqual([]);
  expect(rows('consents', 'u5')[0]).toMatchObject({ revoked_at: clock.now() });
  clock.advance(2 * DAY);
  // nothing comes back in a new session
  expect(haven.conversations.turn('u5', say('hello')).state.vars).toEqual({});
});

test('"what do you keep about me?" lists exactly what is stored, in the user\'s language', () => {
  toConsentQuestion('u6', 'adult', '30', 'ar');
  const { outputs } = haven.conversations.turn('u6', { type: 'choice', id: 'yes' });
  const access = outputs.find((o) => o.event?.type === 'access')!;
  expect(access.kind).toBe('text');
  const ar = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'locales', 'ar', 'privacy.json'), 'utf8'));
  expect(access.text).toContain(ar.kept_intro);
  expect(access.text).toContain(ar.purpose_save_progress);
  expect(access.text).toContain(ar.kept_how_to_delete);
  expect(access.text).not.toContain('follow');

  toConsentQuestion('u7', 'adult', '30');
  const declined = haven.conversations.turn('u7', { type: 'choice', id: 'no' }).outputs.find((o) => o.event?.type === 'access')!;
  expect(declined.text!.split('\n')).toHaveLength(3); // intro, session line, how to delete
});

test('DELETE erases every table tied to the pseudonym in one go, and the file keeps no trace', async () => {
  toConsentQuestion('u8', 'adult', '30');
  haven.conversations.turn('u8', { type: 'choice', id: 'yes' });
  await haven.conversations.committed();
  for (const t of ['sessions', 'consents', 'saved_progress']) expect(rows(t, 'u8').length).toBeGreaterThan(0);
  const r = haven.conversations.turn('u8', say('delete'));
  expect(r.outputs.map((o) => o.event?.type ?? o.text)).toEqual(['erase', 'Erased.']);
  await haven.conversations.committed();
  for (const t of personalTables) expect([t.table, rows(t.table, 'u8')]).toEqual([t.table, []]);
  haven.db.pragma('wal_checkpoint(TRUNCATE)');
  expect(fs.readFileSync(path.join(dir, DATABASE_FILE)).includes('u8')).toBe(false);
});

test('the retention sweeper removes expired rows from every table', async () => {
  toConsentQuestion('u9', 'adult', '30');
  haven.conversations.turn('u9', { type: 'choice', id: 'yes' });
  await haven.conversations.committed();
  clock.advance(91 * DAY);
  haven.conversations.sweep();
  expect(rows('sessions', 'u9')).toEqual([]);
  expect(rows('saved_progress', 'u9')).toEqual([]);
  expect(rows('consents', 'u9')).toHaveLength(1);
  clock.advance(275 * DAY);
  haven.conversations.sweep();
  expect(rows('consents', 'u9')).toEqual([]);
});

test('changing the wording changes the version', () => {
  expect(wordingVersion('May I keep your progress for 90 days?')).not.toBe(wordingVersion('May I keep your progress for 30 days?'));
  expect(wordingVersion('same')).toBe(wordingVersion('same'));
});
