/**
 * The terminal chat as a user (or a script) meets it: the real `haven` command in its own
 * process, JSON in and out, the emergency interrupt from the middle of a flow in every shipped
 * language, and a killed process resuming where it was.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { tempDir } from '../support/tmp';

const CLI = path.join(__dirname, '..', '..', 'dist', 'src', 'cli', 'haven.js');

interface JsonOutput {
  flow: string;
  node: string;
  kind: string;
  text?: string;
  choices?: { id: string; label: string }[];
  interrupt?: string;
}

function chatScript(lines: string[], args: string[]): JsonOutput[] {
  const r = spawnSync(process.execPath, [CLI, 'chat', '--json', ...args], { input: lines.join('\n') + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`chat exited ${r.status}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as JsonOutput);
}

const HELP: Record<string, string> = {
  en: 'someone is hurting me',
  fr: 'au secours',
  es: 'estoy en peligro',
  ar: 'أنا في خطر',
  uk: 'рятуйте',
  ru: 'спасите',
};

describe.each(Object.keys(HELP))('chat --json --lang %s', (lang) => {
  test('the emergency interrupt fires from the middle of a flow, and the user can go back', () => {
    // pick the language, say who is chatting, open the first menu entry, then ask for help
    const out = chatScript([`/choose ${lang}`, '/choose age_13_17', '1', HELP[lang]!, '/choose back'], ['--lang', lang]);
    const first = out[0]!;
    expect(first).toMatchObject({ flow: 'onboarding', kind: 'choice' });
    expect(first.choices!.map((c) => c.id)).toContain(lang);
    const sos = out.findIndex((o) => o.interrupt === 'emergency');
    expect(sos).toBeGreaterThan(0);
    const before = out[sos - 1]!;
    expect(before.flow).not.toBe('emergency');
    expect(out[sos]!.flow).toBe('emergency');
    const last = out[out.length - 1]!;
    // back where they were: the same question, asked again, not marked as an interrupt
    expect({ flow: last.flow, node: last.node, kind: last.kind }).toEqual({ flow: before.flow, node: before.node, kind: before.kind });
    expect(last.interrupt).toBeUndefined();
    for (const o of out) expect(o.text === undefined || o.kind === 'event' || o.text.length > 0).toBe(true);
  });
});

test('every output line has flow, node and kind, and --help documents the JSON mode', () => {
  const out = chatScript(['/choose en'], ['--lang', 'en']);
  for (const o of out) expect(Object.keys(o)).toEqual(expect.arrayContaining(['flow', 'node', 'kind']));
  const help = spawnSync(process.execPath, [CLI, 'chat', '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/--json/);
});

describe('a killed and restarted process', () => {
  function start(dataDir: string): { child: ChildProcessWithoutNullStreams; next: () => Promise<JsonOutput> } {
    const child = spawn(process.execPath, [CLI, 'chat', '--json', '--session', 'resume-test', '--data-dir', dataDir]);
    const lines = readline.createInterface({ input: child.stdout });
    const queue: JsonOutput[] = [];
    const waiting: ((o: JsonOutput) => void)[] = [];
    lines.on('line', (l) => {
      const o = JSON.parse(l) as JsonOutput;
      const w = waiting.shift();
      if (w) w(o);
      else queue.push(o);
    });
    const next = () => new Promise<JsonOutput>((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve)));
    return { child, next };
  }

  test('resumes the conversation where it was', async () => {
    const dataDir = tempDir();
    const a = start(dataDir);
    expect((await a.next()).node).toBe('pick_language');
    a.child.stdin.write('/choose uk\n');
    expect((await a.next()).flow).toBe('onboarding');
    const who = await a.next();
    expect(who).toMatchObject({ flow: 'onboarding', kind: 'choice' });
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));

    const b = start(dataDir);
    b.child.stdin.write('/choose adult\n');
    const after = await b.next();
    // carried on from the same question, in the language chosen before the kill
    expect(after.flow).toBe('onboarding');
    expect((after as JsonOutput & { lang: string }).lang).toBe('uk');
    b.child.stdin.end();
    await new Promise((r) => b.child.once('exit', r));
  });
});
