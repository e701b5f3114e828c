import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { COMMAND_LINE } from '../../console/audit-log';
import { DATA_DIR_OPTION, openConsoleStore, readNewPassword } from './caseworker-io';

export const caseworkerResetPasswordCommand: Command = {
  name: 'caseworker reset-password',
  summary: 'set a new password for a console account (and lift a lockout)',
  help: `
Usage: haven caseworker reset-password --username NAME [--data-dir DIR]

Sets a new password, read like \`haven caseworker add\` does (typed twice without echo at a
terminal, or the first line of standard input). Lifts a lockout after wrong passwords and
ends the account's sessions. Supervisors can also do this in the console (Accounts).

Options:
  --username NAME  the account
  --data-dir DIR   the data folder (default: HAVEN_DATA_DIR, or ./data)
`,
  async run(args) {
    const { values } = parseArgs({ args, options: { username: { type: 'string' }, ...DATA_DIR_OPTION } });
    if (!values.username) throw new UsageError('missing --username');
    const store = openConsoleStore('caseworker reset-password', values['data-dir']);
    if (!store) return 1;
    try {
      const account = store.accounts.byUsername(values.username);
      if (!account) {
        process.stderr.write(`haven caseworker reset-password: no account "${values.username}" (see \`haven caseworker list\`)\n`);
        return 1;
      }
      const password = await readNewPassword('caseworker reset-password', account.username);
      if (password === null) return 1;
      const now = Date.now();
      await store.accounts.setPassword(account.id, password, now);
      const ended = store.sessions.endAllFor(account.id);
      store.audit.record(COMMAND_LINE, 'password_reset', now, { subjectId: account.id });
      process.stdout.write(`new password set for "${account.username}" (${ended} session${ended === 1 ? '' : 's'} ended)\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};
