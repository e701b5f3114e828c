/**
 * The caseworker console: its own module, mounted at /console by `haven serve` next to the
 * channels. See docs/console.md for accounts, roles, security and the audit log.
 */
import { createConsole, type ConsoleContext } from './console-module';
import { consoleSettings, type ConsoleSettings } from './settings';

export const consoleModule = {
  name: 'console',
  settings: consoleSettings,
  create: (ctx: ConsoleContext, settings: ConsoleSettings) => createConsole(ctx, settings),
};

export { consoleSettings, createConsole };
export type { CaseworkerConsole, ConsoleContext } from './console-module';
