/**
 * The flow check reports every kind of problem as file:line:column, and start-up refuses to
 * load content with errors. Each test breaks a copy of a small fixture in one way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/haven';
import { checkContent, loadContent } from '../../src/flows/content';
import { FlowCheckError, formatDiagnostic } from '../../src/flows/diagnostics';
import { tempDir } from '../support/tmp';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'content');

function fixtureCopy(): { flowsDir: string; localesDir: string } {
  const dir = tempDir();
  fs.cpSync(FIXTURE, dir, { recursive: true });
  return { flowsDir: path.join(dir, 'flows'), localesDir: path.join(dir, 'locales') };
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture text not found: ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

/** Diagnostics as `file:line:column severity: message`, with the temp folder cut off. */
function report(paths: { flowsDir: string; localesDir: string }): string[] {
  const root = path.dirname(paths.flowsDir) + path.sep;
  return checkContent(paths).diagnostics.map((d) => formatDiagnostic(d).replace(root, ''));
}

test('the fixture itself is clean', () => {
  expect(report(fixtureCopy())).toEqual([]);
});

test('a bad node target is reported at its line and column', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '{ id: b, label: b, next: done }', '{ id: b, label: b, next: gone }');
  expect(report(c)).toEqual([
    'flows/main.yaml:10:34 error: nodes.ask.choices.1.next: unknown node "gone" in flow "main"',
  ]);
});

test('a call to a flow that does not exist is reported', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '  done:\n    kind: message\n    text: done\n    next: end', '  done:\n    kind: call\n    flow: nowhere\n    next: end');
  expect(report(c)).toContain('flows/main.yaml:13:11 error: nodes.done.flow: unknown flow "nowhere"');
});

test('a missing translation is reported where the key is used, naming the language and file', () => {
  const c = fixtureCopy();
  const fr = path.join(c.localesDir, 'fr', 'main.json');
  const data = JSON.parse(fs.readFileSync(fr, 'utf8'));
  delete data.done;
  fs.writeFileSync(fr, JSON.stringify(data, null, 2));
  expect(report(c)).toEqual([
    `flows/main.yaml:13:11 error: key "main:done" is missing in fr (${path.join(c.localesDir, 'fr', 'main.json')})`,
  ]);
});

test('an unknown node kind is reported by name, with the kinds that exist', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '  end:\n    kind: end', '  end:\n    kind: finish');
  const lines = report(c);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^flows\/main\.yaml:16:11 error: nodes\.end\.kind: unknown node kind "finish" \(known kinds: message, choice, input, location, branch, set, call, goto, end,/);
});

test('schema violations carry the YAML path: unknown field, missing field, bad key', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '    text: done\n', '    txt: done\n');
  edit(path.join(c.flowsDir, 'main.yaml'), '    text: ask\n', '    text: Do you like A or B?\n');
  expect(report(c)).toEqual([
    'flows/main.yaml:7:11 error: nodes.ask.text: must be an i18n key like "intro" or "common:yes" (text belongs in locales/<lng>/*.json)',
    'flows/main.yaml:11:3 error: nodes.done.text: missing required field "text"',
    'flows/main.yaml:13:5 error: nodes.done.txt: unknown field "txt"',
  ]);
});

test('duplicate choice ids, unreachable nodes and loops with no way forward are errors', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '{ id: b, label: b, next: done }', '{ id: a, label: b, next: done }');
  fs.appendFileSync(
    path.join(c.flowsDir, 'main.yaml'),
    '  lost:\n    kind: message\n    text: done\n    next: end\n  spin:\n    kind: goto\n    node: spin2\n  spin2:\n    kind: goto\n    node: spin\n',
  );
  edit(path.join(c.flowsDir, 'main.yaml'), '  done:\n    kind: message\n    text: done\n    next: end', '  done:\n    kind: message\n    text: done\n    next: spin');
  expect(report(c)).toEqual([
    'flows/main.yaml:10:15 error: nodes.ask.choices.1.id: duplicate choice id "a"',
    'flows/main.yaml:11:3 error: nodes.done: no way forward (it never reaches a question or an end, so the conversation would loop)',
    'flows/main.yaml:15:3 error: nodes.end: unreachable (no path from start "ask" leads here)',
    'flows/main.yaml:17:3 error: nodes.lost: unreachable (no path from start "ask" leads here)',
    'flows/main.yaml:21:3 error: nodes.spin: no way forward (it never reaches a question or an end, so the conversation would loop)',
    'flows/main.yaml:24:3 error: nodes.spin2: no way forward (it never reaches a question or an end, so the conversation would loop)',
  ]);
});

test('unused keys are warnings, with their place in the locale file', () => {
  const c = fixtureCopy();
  const en = path.join(c.localesDir, 'en', 'main.json');
  fs.writeFileSync(en, JSON.stringify({ ...JSON.parse(fs.readFileSync(en, 'utf8')), leftover: 'Old text' }, null, 2));
  expect(report(c)).toEqual([`${path.join(c.localesDir, 'en', 'main.json')}:7:3 warning: unused key "main:leftover" (no flow or code refers to it)`.replace(path.dirname(c.flowsDir) + path.sep, '')]);
});

test('YAML syntax errors and a flow id that does not match its file name', () => {
  const c = fixtureCopy();
  fs.writeFileSync(path.join(c.flowsDir, 'broken.yaml'), 'flow: broken\nnodes:\n  a: [unclosed\n');
  fs.writeFileSync(path.join(c.flowsDir, 'other.yaml'), fs.readFileSync(path.join(c.flowsDir, 'main.yaml'), 'utf8'));
  const lines = report(c);
  expect(lines.some((l) => /^flows\/broken\.yaml:\d+:\d+ error: YAML syntax: /.test(l))).toBe(true);
  expect(lines).toContain('flows/other.yaml:1:7 error: flow id "main" must match the file name ("other")');
});

test('plural keys need every form the language uses', () => {
  const c = fixtureCopy();
  edit(path.join(c.flowsDir, 'main.yaml'), '    text: done\n    next: end', '    text: done\n    count: n\n    next: end');
  for (const lng of ['en', 'fr']) {
    const f = path.join(c.localesDir, lng, 'main.json');
    const data = JSON.parse(fs.readFileSync(f, 'utf8'));
    delete data.done;
    data.done_one = '{{count}} done';
    if (lng === 'en') data.done_other = '{{count}} done';
    fs.writeFileSync(f, JSON.stringify(data, null, 2));
  }
  expect(report(c)).toEqual([
    `flows/main.yaml:13:11 error: key "main:done" lacks plural forms many, other in fr (${path.join(c.localesDir, 'fr', 'main.json')})`,
  ]);
});

test('start-up refuses content with errors and lists them', () => {
  const c = fixtureCopy();
  expect(() => loadContent(c)).not.toThrow();
  edit(path.join(c.flowsDir, 'main.yaml'), '{ id: b, label: b, next: done }', '{ id: b, label: b, next: gone }');
  expect(() => loadContent(c)).toThrow(FlowCheckError);
  try {
    loadContent(c);
  } catch (e) {
    expect((e as FlowCheckError).message).toMatch(/main\.yaml:10:34 error: nodes\.ask\.choices\.1\.next: unknown node "gone"/);
  }
});

describe('haven flows check', () => {
  let out = '';
  beforeEach(() => {
    out = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
  });
  afterEach(() => jest.restoreAllMocks());

  test('exits 0 on the shipped content and prints coverage for every language', async () => {
    expect(await main(['flows', 'check'])).toBe(0);
    for (const lng of ['en', 'fr', 'es', 'ar', 'uk', 'ru']) expect(out).toMatch(new RegExp(`^  ${lng} +100%`, 'm'));
    expect(out).toMatch(/0 error\(s\)/);
  });

  test('exits 1 with file:line:column lines on a broken flow', async () => {
    const c = fixtureCopy();
    edit(path.join(c.flowsDir, 'main.yaml'), '{ id: b, label: b, next: done }', '{ id: b, label: b, next: gone }');
    expect(await main(['flows', 'check', '--flows', c.flowsDir, '--locales', c.localesDir])).toBe(1);
    expect(out).toMatch(/main\.yaml:10:34 error: nodes\.ask\.choices\.1\.next: unknown node "gone"/);
    expect(out).toMatch(/^  fr +100%/m);
  });
});
