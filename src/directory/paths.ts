/** Where the directory's shipped data lives (the repository's `directory/` folder), from src/ or dist/src/. */
import path from 'node:path';

export function repoRoot(): string {
  const up = path.resolve(__dirname, '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/** The shipped national lines table. */
export const nationalLinesFile = (): string => path.join(repoRoot(), 'directory', 'national', 'helplines.csv');
/** The shipped demo directory (an HSDS tabular package). */
export const demoPackageDir = (): string => path.join(repoRoot(), 'directory', 'demo');
