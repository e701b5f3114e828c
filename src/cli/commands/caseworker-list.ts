import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { DATA_DIR_OPTION, openConsoleStore } from './caseworker-io';

export const caseworkerListCommand: Command = {
  name: 'caseworker list',
  summary: 'list the caseworker console accounts',
  help: `
Usage: haven caseworker list [--json] [--data-dir DIR]

Lists every console account: username, role, first name and title, and whether it is
active, locked (after wrong passwords) or disabled, with its last sign-in.

Options:
  --json           one JSON object per account, for scripts
  --data-dir DIR   the data folder (default: HAVEN_DATA_DIR, or ./data)
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, ...DATA_DIR_OPTION } });
    const store = openConsoleStore('caseworker list', values['data-dir']);
    if (!store) return 1;
    try {
      const now = Date.now();
      const accounts = store.accounts.list();
      for (const a of accounts) {
        const state = a.disabledAt !== null ? 'disabled' : a.lockedUntil !== null && a.lockedUntil > now ? 'locked' : 'active';
        const last = a.lastSignInAt ? new Date(a.lastSignInAt).toISOString() : null;
        if (values.json) {
          process.stdout.write(JSON.stringify({ username: a.username, role: a.role, firstName: a.firstName, title: a.roleTitle, state, lastSignIn: last }) + '\n');
        } else {
          process.stdout.write(`${a.username.padEnd(20)} ${a.role.padEnd(10)} ${state.padEnd(8)} ${a.firstName} (${a.roleTitle})${last ? `, last sign-in ${last}` : ''}\n`);
        }
      }
      if (!values.json && accounts.length === 0) process.stdout.write('no accounts yet: create a supervisor with `haven caseworker add --role supervisor ...`\n');
      return 0;
    } finally {
      store.close();
    }
  },
};
