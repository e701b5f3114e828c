import { parseArgs } from 'node:util';
import { UsageError, type Command } from '../command';
import { AccountError, Accounts, ROLES, type Role } from '../../console/accounts';
import { COMMAND_LINE } from '../../console/audit-log';
import { DATA_DIR_OPTION, openConsoleStore, readNewPassword } from './caseworker-io';

export const caseworkerAddCommand: Command = {
  name: 'caseworker add',
  summary: 'create a caseworker console account',
  help: `
Usage: haven caseworker add --username NAME --first-name NAME --role caseworker|supervisor
                            --title TITLE [--data-dir DIR]

Creates an account for the caseworker console (/console). The first name and the title
("social worker", "counsellor") are what a person is told when this caseworker accepts their
request. Supervisors also manage accounts and quick replies, see every handoff and read the
audit log; create at least one.

The password is never an argument (it would show in \`ps\` and the shell history): at a
terminal it is asked twice without echo; otherwise it is the first line of standard input:

  printf '%s\\n' "$PASSWORD" | haven caseworker add --username amira --first-name Amira \\
      --role supervisor --title "social worker"

At least 10 characters. The password is stored as a salted scrypt hash.

Options:
  --username NAME     3 to 40 letters, digits, dots, dashes or underscores (sign-in name)
  --first-name NAME   shown to people at handoff
  --role ROLE         caseworker or supervisor
  --title TITLE       the role shown to people, e.g. "social worker"
  --data-dir DIR      the data folder (default: HAVEN_DATA_DIR, or ./data)
`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { username: { type: 'string' }, 'first-name': { type: 'string' }, role: { type: 'string' }, title: { type: 'string' }, ...DATA_DIR_OPTION },
    });
    const missing = (['username', 'first-name', 'role', 'title'] as const).filter((k) => !values[k]);
    if (missing.length) throw new UsageError(`missing ${missing.map((m) => `--${m}`).join(', ')}`);
    const role = values.role ?? '';
    if (!isRole(role)) throw new UsageError(`--role must be ${ROLES.join(' or ')}`);
    const fields = { username: values.username ?? '', firstName: values['first-name'] ?? '', role, roleTitle: values.title ?? '' };
    // Check the fields before asking for a password, so nobody types one for nothing.
    const problems = Accounts.problems({ ...fields, password: 'x'.repeat(16) });
    if (problems.length) throw new UsageError(problems.join('; '));
    const store = openConsoleStore('caseworker add', values['data-dir']);
    if (!store) return 1;
    try {
      if (store.accounts.byUsername(fields.username)) {
        process.stderr.write(`haven caseworker add: the username "${fields.username}" is taken\n`);
        return 1;
      }
      const password = await readNewPassword('caseworker add', fields.username);
      if (password === null) return 1;
      const account = await store.accounts.create({ ...fields, password }, Date.now());
      store.audit.record(COMMAND_LINE, 'account_create', Date.now(), { subjectId: account.id, detail: `${account.username} (${account.role})` });
      process.stdout.write(`created ${account.role} "${account.username}" (${account.firstName}, ${account.roleTitle}); they sign in at /console\n`);
      return 0;
    } catch (e) {
      if (!(e instanceof AccountError)) throw e;
      process.stderr.write(`haven caseworker add: ${e.message}\n`);
      return 1;
    } finally {
      store.close();
    }
  },
};

function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}
