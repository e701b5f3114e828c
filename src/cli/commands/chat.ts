import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { openHaven } from '../../conversation/open';
import { cardLines, noCardsText } from '../../conversation/service-card-text';
import type { Texts } from '../../engine/texts';
import type { Input, Output } from '../../engine/types';
import { FlowCheckError, formatDiagnostic } from '../../flows/diagnostics';

export const chatCommand: Command = {
  name: 'chat',
  summary: 'talk to Haven in the terminal (or script it with --json)',
  help: `
Usage: haven chat [--lang LANG] [--json] [--session NAME] [--data-dir DIR]

Talk to Haven in a terminal, like a phone would. Choices are numbered: type a number, the
label, or anything else. Interrupts work as on every channel (try "help me" or "menu").

Special lines:
  /choose ID            press the button with this choice id
  /location LAT LON     share a location (e.g. /location 50.06 19.94)
  /start                start again
  /NAME                 any other slash command (/menu, /stop, /delete, /sos ...)

Options:
  --lang LANG       start in this language (en, fr, es, ar, uk, ru)
  --json            read one user input per line from stdin; write one JSON object per bot
                    output to stdout: {flow, node, kind, text, choices, interrupt, event, lang, dir}
  --session NAME    keep the conversation in the database under HAVEN_DATA_DIR so that a later
                    \`haven chat --session NAME\` carries on where it stopped
  --data-dir DIR    database folder for --session (default: HAVEN_DATA_DIR or ./data)
`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        lang: { type: 'string' },
        json: { type: 'boolean' },
        session: { type: 'string' },
        'data-dir': { type: 'string' },
      },
    });
    const json = values.json === true;
    let haven;
    try {
      haven = openHaven({
        dataDir: values.session ? (values['data-dir'] ?? process.env['HAVEN_DATA_DIR'] ?? './data') : ':memory:',
      });
    } catch (e) {
      if (!(e instanceof FlowCheckError)) throw e;
      for (const d of e.diagnostics) if (d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
      return 1;
    }
    const key = `terminal:${values.session ?? randomUUID()}`;
    const show = json ? printJson : (outputs: Output[]) => printHuman(outputs, haven.engine.texts);
    // Save before printing, so a killed process never shows an answer it then forgets.
    const turn = async (input: Input) => {
      const { outputs } = haven.conversations.turn(key, input);
      await haven.conversations.committed();
      show(outputs);
    };

    const resuming = values.session !== undefined && hasSession(haven, key);
    if (resuming) {
      if (!json) process.stdout.write('(carrying on the saved conversation)\n');
    } else {
      await turn(values.lang ? { type: 'start', langHint: values.lang } : { type: 'start' });
    }

    const rl = readline.createInterface({ input: process.stdin, terminal: !json && process.stdin.isTTY });
    if (!json) rl.setPrompt('> ');
    if (!json) rl.prompt();
    for await (const line of rl) {
      const input = parseLine(line);
      if (input) await turn(input);
      if (!json) rl.prompt();
    }
    if (!json) process.stdout.write('\n');
    haven.close();
    return 0;
  },
};

function hasSession(haven: ReturnType<typeof openHaven>, key: string): boolean {
  return haven.db.prepare('SELECT 1 FROM sessions WHERE key = ? AND expires_at > ?').get(key, Date.now()) !== undefined;
}

/** One typed line as an engine input; null for an empty line. */
export function parseLine(line: string): Input | null {
  const text = line.replace(/\r$/, '');
  if (text.trim() === '') return null;
  if (!text.startsWith('/')) return { type: 'text', text };
  const [name = '', ...rest] = text.slice(1).trim().split(/[\s,]+/);
  if (name === 'choose') {
    if (!rest[0]) throw new UsageError('/choose needs a choice id');
    return { type: 'choice', id: rest[0] };
  }
  if (name === 'location') {
    const [lat, lon] = rest.map(Number);
    if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      return { type: 'text', text };
    }
    return { type: 'location', point: { lat, lon } };
  }
  if (name === 'start') return { type: 'start' };
  return { type: 'command', name };
}

function printJson(outputs: Output[]): void {
  for (const o of outputs) process.stdout.write(JSON.stringify(o) + '\n');
}

function printHuman(outputs: Output[], texts: Texts): void {
  for (const o of outputs) {
    if (o.event?.type === 'services') {
      printCards(o, texts);
      continue;
    }
    if (o.kind === 'event') {
      process.stdout.write(`  [${describeEvent(o)}]\n`);
      continue;
    }
    process.stdout.write(`${o.text ?? ''}\n`);
    o.choices?.forEach((c, i) => process.stdout.write(`  ${i + 1}. ${c.label}\n`));
    if (o.kind === 'location') process.stdout.write('  (type a place name, or /location LAT LON to share one)\n');
  }
}

/** Service cards as numbered blocks of text, in the conversation's language. */
function printCards(o: Output, texts: Texts): void {
  const cards = o.event?.type === 'services' ? (o.event.results ?? []) : [];
  if (cards.length === 0) process.stdout.write(`${noCardsText(texts, o.lang)}\n`);
  cards.forEach((card, i) => {
    const [first = '', ...rest] = cardLines(card, texts, o.lang);
    process.stdout.write(`\n  ${i + 1}. ${first}\n`);
    for (const line of rest) process.stdout.write(`     ${line}\n`);
  });
  if (cards.length > 0) process.stdout.write('\n');
}

function describeEvent(o: Output): string {
  const e = o.event!;
  switch (e.type) {
    case 'services':
      return `search for services: ${e.category ?? 'any'}`;
    case 'handoff':
      return e.action === 'request' ? `handoff requested: ${e.topic ?? 'general'}${e.urgent ? ' (urgent)' : ''}` : 'handoff ended';
    case 'relay':
      return 'message passed to the caseworker';
    case 'consent':
      return `consent ${e.granted ? 'given' : 'declined'}: ${e.purpose}`;
    case 'erase':
      return 'this conversation was erased';
    default:
      return e.type;
  }
}
