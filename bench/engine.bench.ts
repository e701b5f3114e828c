/**
 * Engine throughput: turns per second over 10,000 concurrent conversations of the 5-step
 * flow, (1) the pure engine alone, (2) with every turn loading and saving its session in a
 * real SQLite file, (3) the same dialog with Bot Framework dialogs in the same run; plus heap
 * bytes per idle conversation at 100,000 conversations.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Conversations } from '../src/conversation/conversations';
import type { SessionState } from '../src/engine/types';
import { openDatabase } from '../src/store/database';
import { SqliteSessions } from '../src/store/sessions';
import { fmt, type Bench } from './bench';
import { dialogsBot } from './dialogs-baseline';
import { fiveStepEngine, scriptInput, SCRIPT } from './five-step';

const CONVERSATIONS = 10_000;
const IDLE_CONVERSATIONS = 100_000;
const TURNS = SCRIPT.length; // start + 5 answers
/** Turns in flight at once, like requests arriving together at a busy server. */
const IN_FLIGHT = 256;

const clock = { now: () => Date.now() };

interface Rate {
  turns: number;
  seconds: number;
  perSecond: number;
}

function rate(turns: number, startNs: bigint): Rate {
  const seconds = Number(process.hrtime.bigint() - startNs) / 1e9;
  return { turns, seconds, perSecond: turns / seconds };
}

/** Every conversation takes its turn t before any takes turn t + 1: 10,000 at once. */
function engineAlone(): Rate {
  const engine = fiveStepEngine();
  const states: (SessionState | null)[] = new Array(CONVERSATIONS).fill(null);
  const t0 = process.hrtime.bigint();
  for (let t = 0; t < TURNS; t++) {
    const input = scriptInput(t);
    for (let c = 0; c < CONVERSATIONS; c++) states[c] = engine.step(states[c]!, input, clock).state;
  }
  const r = rate(CONVERSATIONS * TURNS, t0);
  if (states.some((s) => s!.stack.length !== 0 || s!.vars['contact'] !== 'yes')) throw new Error('engine bench: a conversation did not finish');
  return r;
}

/** Each turn is on disk (committed) before its reply would be sent, as in the server. */
async function engineWithSqlite(dir: string): Promise<Rate> {
  const db = openDatabase(dir);
  const conversations = new Conversations({ engine: fiveStepEngine(), sessions: new SqliteSessions(db), clock });
  const keys = Array.from({ length: CONVERSATIONS }, (_, i) => `bench:${i}`);
  const t0 = process.hrtime.bigint();
  for (let t = 0; t < TURNS; t++) {
    const input = scriptInput(t);
    for (let i = 0; i < keys.length; i += IN_FLIGHT) {
      await Promise.all(
        keys.slice(i, i + IN_FLIGHT).map(async (key) => {
          conversations.turn(key, input);
          await conversations.committed();
        }),
      );
    }
  }
  const r = rate(CONVERSATIONS * TURNS, t0);
  const finished = db.prepare("SELECT count(*) FROM sessions WHERE state LIKE '%\"stack\":[]%'").pluck().get();
  if (finished !== CONVERSATIONS) throw new Error(`engine + SQLite bench: ${finished} of ${CONVERSATIONS} finished`);
  db.close();
  return r;
}

async function dialogs(style: 'prompts' | 'text'): Promise<Rate> {
  const bot = dialogsBot(style);
  const ids = Array.from({ length: CONVERSATIONS }, (_, i) => `conv-${i}`);
  const t0 = process.hrtime.bigint();
  for (let t = 0; t < TURNS; t++) {
    for (let i = 0; i < ids.length; i += IN_FLIGHT) await Promise.all(ids.slice(i, i + IN_FLIGHT).map((id) => bot.turn(id, t)));
  }
  const r = rate(CONVERSATIONS * TURNS, t0);
  if (bot.adapter.sent < CONVERSATIONS * TURNS) throw new Error(`dialogs bench (${style}): only ${bot.adapter.sent} replies`);
  return r;
}

/** Heap growth per conversation left idle mid-flow, with state in SQLite. Needs --expose-gc. */
function idleHeap(dir: string): { bytesPerConversation: number; inMemoryStateBytes: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  const db = openDatabase(dir);
  const conversations = new Conversations({ engine: fiveStepEngine(), sessions: new SqliteSessions(db), clock });
  conversations.turn('warm-up', scriptInput(0));
  gc();
  const before = process.memoryUsage().heapUsed;
  // Each conversation starts and answers one question, then waits (idle, mid-flow).
  for (let i = 0; i < IDLE_CONVERSATIONS; i++) {
    conversations.turn(`idle:${i}`, scriptInput(0));
    conversations.turn(`idle:${i}`, scriptInput(1));
    if (i % 1000 === 999) conversations.flush();
  }
  conversations.flush();
  gc();
  const after = process.memoryUsage().heapUsed;
  const sample = JSON.stringify(db.prepare('SELECT state FROM sessions LIMIT 1').pluck().get());
  db.close();
  return { bytesPerConversation: Math.max(0, after - before) / IDLE_CONVERSATIONS, inMemoryStateBytes: sample.length };
}

export const engineBench: Bench = {
  name: 'engine',
  summary: `5-step flow, ${fmt(CONVERSATIONS)} concurrent conversations: engine, engine + SQLite, Bot Framework dialogs; heap per idle conversation`,
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bench-'));
    try {
      const alone = engineAlone();
      const sqlite = await engineWithSqlite(path.join(dir, 'sqlite'));
      const prompts = await dialogs('prompts');
      const text = await dialogs('text');
      const idle = idleHeap(path.join(dir, 'idle'));
      const row = (name: string, r: Rate) => `| ${name} | ${fmt(r.turns)} | ${fmt(r.seconds, 2)} | ${fmt(r.perSecond)} |`;
      return [
        `${fmt(CONVERSATIONS)} conversations × ${TURNS} turns, interleaved (every conversation takes turn t before any takes t + 1), ` +
          `${IN_FLIGHT} turns in flight at a time. With SQLite, every turn is committed to the WAL file before it counts ` +
          `(turns in flight together share one commit, as in the server).`,
        '',
        '| runner | turns | seconds | turns/s |',
        '| --- | ---: | ---: | ---: |',
        row('Haven engine alone (state in memory)', alone),
        row('Haven engine + SQLite sessions (load and save every turn, WAL file)', sqlite),
        row('Bot Framework dialogs, ChoicePrompt/NumberPrompt, MemoryStorage', prompts),
        row('Bot Framework dialogs, TextPrompt only, MemoryStorage', text),
        '',
        `Ratio, Haven engine + SQLite / dialogs with prompts: **${fmt(sqlite.perSecond / prompts.perSecond, 1)}×**; ` +
          `/ dialogs with TextPrompt only: **${fmt(sqlite.perSecond / text.perSecond, 1)}×** (target: at least 5×).`,
        '',
        `Heap per idle conversation at ${fmt(IDLE_CONVERSATIONS)} conversations (state in SQLite): ` +
          `**${fmt(idle.bytesPerConversation, 1)} bytes** (target: at most 1,024). ` +
          `A saved state is ${idle.inMemoryStateBytes} bytes of JSON on disk.`,
      ].join('\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
