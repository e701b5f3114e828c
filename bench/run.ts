/**
 * `npm run bench [-- NAME...]`: runs the benchmarks (all, or those named) and prints their
 * results as Markdown, ready to paste into bench/RESULTS.md.
 */
import type { Bench } from './bench';
import { machine } from './bench';
import { directoryBench } from './directory.bench';
import { engineBench } from './engine.bench';
import { insightsBench } from './insights.bench';
import { telegramBench } from './telegram.bench';
import { webchatBench } from './webchat.bench';


/** Every benchmark. Adding one: a new `bench/<name>.bench.ts` and one line here. */
const benches: Bench[] = [engineBench, webchatBench, telegramBench, directoryBench, insightsBench];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const run = wanted.length ? benches.filter((b) => wanted.includes(b.name)) : benches;
  if (wanted.length && run.length !== wanted.length) {
    process.stderr.write(`unknown benchmark; known: ${benches.map((b) => b.name).join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`Machine: ${machine()}\nDate: ${new Date().toISOString().slice(0, 10)}\n\n`);
  for (const b of run) {
    process.stderr.write(`running ${b.name}: ${b.summary}\n`);
    process.stdout.write(`## ${b.name}\n\n${await b.run()}\n\n`);
  }
}

void main();
