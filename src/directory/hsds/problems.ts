import path from 'node:path';

/** What an import found wrong, reported as `file:row:column message` (rows and columns as a spreadsheet numbers them; for JSON, line and column). */

export interface ImportProblem {
  file: string;
  row: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatProblem(p: ImportProblem): string {
  return `${p.file}:${p.row}:${p.column} ${p.severity === 'warning' ? 'warning: ' : ''}${p.message}`;
}

/** Thrown when a package cannot be read at all (no such folder, unreadable datapackage.json). */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ImportError';
  }
}

/** Stop collecting after this many errors: the first ones are what a person fixes first. */
export const MAX_REPORTED_ERRORS = 200;

/** A file as reported: relative to the working directory when inside it, else absolute. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel === '' ? file : rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel;
}
