/**
 * A progress bar for long imports, on stderr: redrawn in place on a terminal, or a line every
 * 10% when stderr is a file or pipe (only for large inputs, so small imports stay quiet).
 */
export interface Progress {
  start(total: number, label: string): void;
  advance(amount: number): void;
  done(): void;
}

export const silentProgress: Progress = { start() {}, advance() {}, done() {} };

/** Inputs at least this big (bytes) get a progress report even when stderr is not a terminal. */
export const LARGE_INPUT_BYTES = 5 * 1024 * 1024;

const WIDTH = 28;

export function stderrProgress(o: { tty: boolean; totalBytes: number }): Progress {
  if (!o.tty && o.totalBytes < LARGE_INPUT_BYTES) return silentProgress;
  let total = 1;
  let label = '';
  let done = 0;
  let lastShown = -1;
  const draw = (final: boolean) => {
    const ratio = Math.min(1, done / total);
    const pct = Math.floor(ratio * 100);
    if (o.tty) {
      if (!final && pct === lastShown) return;
      const filled = Math.round(ratio * WIDTH);
      process.stderr.write(`\r${label} [${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${String(pct).padStart(3)}%`);
      if (final) process.stderr.write('\n');
    } else {
      const step = Math.floor(pct / 10) * 10;
      if (!final && step === lastShown) return;
      if (final && lastShown === 100) return;
      process.stderr.write(`${label}: ${final ? 100 : step}%\n`);
      lastShown = final ? 100 : step;
      return;
    }
    lastShown = pct;
  };
  return {
    start(t, l) {
      total = Math.max(1, t);
      label = l;
      done = 0;
      lastShown = -1;
      draw(false);
    },
    advance(n) {
      done += n;
      draw(false);
    },
    done() {
      done = total;
      draw(true);
    },
  };
}
