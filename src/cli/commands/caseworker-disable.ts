import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { AccountError } from '../../console/accounts';
import { COMMAND_LINE } from '../../console/audit-log';
import { DATA_DIR_OPTION, openConsoleStore } from './caseworker-io';

function toggle(disable: boolean): Command {
  const verb = disable ? 'disable' : 'enable';
  return {
    name: `caseworker ${verb}`,
    summary: disable ? 'stop a console account from signing in (it is signed out at once)' : 'let a disabled console account sign in again',
    help: `
Usage: haven caseworker ${verb} --username NAME [--data-dir DIR]

${
  disable
    ? `Disables the account: it can no longer sign in, and its sessions end (an open console
notices within 20 seconds). Accounts are never deleted, so the audit log keeps naming who
did what. The last supervisor who can sign in cannot be disabled.`
    : 'Enables a disabled account again, with the password it had.'
}

Options:
  --username NAME  the account
  --data-dir DIR   the data folder (default: HAVEN_DATA_DIR, or ./data)
`,
    async run(args) {
      const { values } = parseArgs({ args, options: { username: { type: 'string' }, ...DATA_DIR_OPTION } });
      if (!values.username) throw new UsageError('missing --username');
      const store = openConsoleStore(`caseworker ${verb}`, values['data-dir']);
      if (!store) return 1;
      try {
        const account = store.accounts.byUsername(values.username);
        if (!account) {
          process.stderr.write(`haven caseworker ${verb}: no account "${values.username}" (see \`haven caseworker list\`)\n`);
          return 1;
        }
        const now = Date.now();
        store.accounts.setDisabled(account.id, disable, now);
        const ended = disable ? store.sessions.endAllFor(account.id) : 0;
        store.audit.record(COMMAND_LINE, disable ? 'account_disable' : 'account_enable', now, { subjectId: account.id, detail: account.username });
        process.stdout.write(`${verb}d "${account.username}"${disable ? ` (${ended} session${ended === 1 ? '' : 's'} ended)` : ''}\n`);
        return 0;
      } catch (e) {
        if (!(e instanceof AccountError)) throw e;
        process.stderr.write(`haven caseworker ${verb}: ${e.message}\n`);
        return 1;
      } finally {
        store.close();
      }
    },
  };
}

export const caseworkerDisableCommand = toggle(true);
export const caseworkerEnableCommand = toggle(false);
