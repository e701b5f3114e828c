/**
 * The folders the core settings name, checked before anything is opened, so that a wrong path
 * is reported like a wrong value (the variable, the problem, an example) rather than as a
 * stack trace from deep inside start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

export function pathProblems(config: Pick<Config, 'HAVEN_DATA_DIR' | 'HAVEN_FLOWS_DIR' | 'HAVEN_LOCALES_DIR'>): string[] {
  const problems: string[] = [];
  const data = path.resolve(config.HAVEN_DATA_DIR);
  const existing = nearestExisting(data);
  if (existing !== data && !isDir(existing)) {
    problems.push(`HAVEN_DATA_DIR=${JSON.stringify(config.HAVEN_DATA_DIR)}: ${existing} is not a folder (example: HAVEN_DATA_DIR=/var/lib/haven)`);
  } else if (!isDir(existing)) {
    problems.push(`HAVEN_DATA_DIR=${JSON.stringify(config.HAVEN_DATA_DIR)}: not a folder (example: HAVEN_DATA_DIR=/var/lib/haven)`);
  } else if (!writable(existing)) {
    const what = existing === data ? 'the folder is not writable' : `cannot be created: ${existing} is not writable`;
    problems.push(`HAVEN_DATA_DIR=${JSON.stringify(config.HAVEN_DATA_DIR)}: ${what} by this user (example: HAVEN_DATA_DIR=/var/lib/haven)`);
  }
  for (const [name, dir, example] of [
    ['HAVEN_FLOWS_DIR', config.HAVEN_FLOWS_DIR, './flows'],
    ['HAVEN_LOCALES_DIR', config.HAVEN_LOCALES_DIR, './locales'],
  ] as const) {
    if (!isDir(dir)) problems.push(`${name}=${JSON.stringify(dir)}: no such folder (example: ${name}=${example})`);
  }
  return problems;
}

function nearestExisting(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function writable(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
