/**
 * Caseworker accounts in the `caseworkers` table: who may sign in to the console, their first
 * name and role title (told to the person at handoff), their password hash, and the lockout
 * counter. Accounts are disabled, never deleted, so the audit log keeps naming who did what.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/database';
import type { Caseworker } from './handoff-port';
import { hashPassword, passwordProblem } from './passwords';

export type Role = Caseworker['role'];
export const ROLES: readonly Role[] = ['caseworker', 'supervisor'];

export interface Account extends Caseworker {
  username: string;
  failedAttempts: number;
  lockedUntil: number | null;
  disabledAt: number | null;
  createdAt: number;
  passwordChangedAt: number;
  lastSignInAt: number | null;
}

export interface NewAccount {
  username: string;
  firstName: string;
  role: Role;
  roleTitle: string;
  password: string;
}

/** A refused change, with a message that says what to do. */
export class AccountError extends Error {
  constructor(
    readonly code: 'invalid' | 'taken' | 'not_found' | 'last_supervisor',
    message: string,
  ) {
    super(message);
  }
}

const USERNAME = /^[A-Za-z0-9._-]{3,40}$/;
/** Plain text shown to people in a chat: no control characters or markup, kept short. */
const PLAIN = /^[^\u0000-\u001f\u007f<>]+$/;

export function usernameProblem(username: string): string | null {
  return USERNAME.test(username) ? null : 'the username must be 3 to 40 letters, digits, dots, dashes or underscores';
}

export function nameProblem(what: 'first name' | 'title', value: string, max: number): string | null {
  const v = value.trim();
  if (!v) return `the ${what} is empty`;
  if ([...v].length > max) return `the ${what} must be at most ${max} characters`;
  if (!PLAIN.test(v)) return `the ${what} must be plain text, without < > or control characters`;
  return null;
}

interface Row {
  id: string;
  username: string;
  first_name: string;
  role: Role;
  role_title: string;
  password_hash: string;
  failed_attempts: number;
  locked_until: number | null;
  disabled_at: number | null;
  created_at: number;
  password_changed_at: number;
  last_sign_in_at: number | null;
}

export class Accounts {
  constructor(private readonly db: Db) {}

  /** Check a new account's fields; every problem at once. */
  static problems(a: NewAccount): string[] {
    return [
      usernameProblem(a.username),
      nameProblem('first name', a.firstName, 40),
      nameProblem('title', a.roleTitle, 60),
      ROLES.includes(a.role) ? null : 'the role must be caseworker or supervisor',
      passwordProblem(a.password),
    ].filter((p): p is string => p !== null);
  }

  async create(a: NewAccount, now: number): Promise<Account> {
    const problems = Accounts.problems(a);
    if (problems.length) throw new AccountError('invalid', problems.join('; '));
    if (this.byUsername(a.username)) throw new AccountError('taken', `the username "${a.username}" is taken`);
    const hash = await hashPassword(a.password);
    const id = randomBytes(12).toString('base64url');
    try {
      this.db
        .prepare(
          `INSERT INTO caseworkers (id, username, first_name, role, role_title, password_hash, created_at, password_changed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, a.username, a.firstName.trim(), a.role, a.roleTitle.trim(), hash, now, now);
    } catch (e) {
      // Two creations racing for one name: the UNIQUE constraint decides.
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new AccountError('taken', `the username "${a.username}" is taken`);
      throw e;
    }
    return this.get(id)!;
  }

  get(id: string): Account | null {
    const row = this.db.prepare('SELECT * FROM caseworkers WHERE id = ?').get(id) as Row | undefined;
    return row ? toAccount(row) : null;
  }

  byUsername(username: string): Account | null {
    const row = this.db.prepare('SELECT * FROM caseworkers WHERE username = ?').get(username) as Row | undefined;
    return row ? toAccount(row) : null;
  }

  /** The stored hash, for verifying a sign-in; nothing else reads it. */
  passwordHash(id: string): string | null {
    return (this.db.prepare('SELECT password_hash FROM caseworkers WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  list(): Account[] {
    return (this.db.prepare('SELECT * FROM caseworkers ORDER BY disabled_at IS NOT NULL, username').all() as Row[]).map(toAccount);
  }

  /** How many supervisors can sign in: the last one cannot be disabled (nobody could manage accounts). */
  activeSupervisors(): number {
    return this.db.prepare("SELECT count(*) FROM caseworkers WHERE role = 'supervisor' AND disabled_at IS NULL").pluck().get() as number;
  }

  setDisabled(id: string, disabled: boolean, now: number): Account {
    const account = this.require(id);
    if (disabled && account.role === 'supervisor' && account.disabledAt === null && this.activeSupervisors() <= 1) {
      throw new AccountError('last_supervisor', 'this is the last supervisor who can sign in; add another supervisor first');
    }
    this.db.prepare('UPDATE caseworkers SET disabled_at = ? WHERE id = ?').run(disabled ? now : null, id);
    return this.require(id);
  }

  /** A new password; also lifts a lockout. The caller ends the account's sessions. */
  async setPassword(id: string, password: string, now: number): Promise<void> {
    this.require(id);
    const hash = await hashPassword(password);
    this.db
      .prepare('UPDATE caseworkers SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?')
      .run(hash, now, id);
  }

  /** Count a wrong password; lock the account when the count reaches `max`. Returns whether it is now locked. */
  recordFailure(id: string, now: number, max: number, lockMs: number): boolean {
    const row = this.db
      .prepare('UPDATE caseworkers SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
      .get(id) as { failed_attempts: number } | undefined;
    if (!row || row.failed_attempts < max) return false;
    this.db.prepare('UPDATE caseworkers SET locked_until = ?, failed_attempts = 0 WHERE id = ?').run(now + lockMs, id);
    return true;
  }

  recordSuccess(id: string, now: number): void {
    this.db.prepare('UPDATE caseworkers SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(now, id);
  }

  private require(id: string): Account {
    const a = this.get(id);
    if (!a) throw new AccountError('not_found', 'no such account');
    return a;
  }
}

/** A random password a supervisor hands over once (for a reset); about 120 bits. */
export function temporaryPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** The part of an account the handoff core and the person see. */
export function asCaseworker(a: Account): Caseworker {
  return { id: a.id, firstName: a.firstName, role: a.role, roleTitle: a.roleTitle };
}

function toAccount(r: Row): Account {
  return {
    id: r.id,
    username: r.username,
    firstName: r.first_name,
    role: r.role,
    roleTitle: r.role_title,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    lastSignInAt: r.last_sign_in_at,
  };
}
