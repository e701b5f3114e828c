/** What a benchmark is: a name, and a run that returns its results as Markdown for RESULTS.md. */
export interface Bench {
  name: string;
  summary: string;
  run(): Promise<string>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** The machine, for the record next to every figure. */
export function machine(): string {
  const os = require('node:os') as typeof import('node:os');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node.js ${process.version}, ${os.platform()} ${os.arch()}`;
}
