/**
 * Signing in: rate limits per IP address and per username, the lockout after repeated wrong
 * passwords, the password check, and a new session, each step in the audit log. Every refusal
 * looks the same from outside (unknown name, wrong password, disabled or locked account), and
 * takes as long, so the answer does not tell which usernames exist.
 */
import type { Accounts, Account } from './accounts';
import type { AuditLog } from './audit-log';
import { UNKNOWN } from './audit-log';
import type { ConsoleSessions, NewSession } from './console-sessions';
import { decoyHash, MAX_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { SlidingWindowLimit } from './rate-limit';

/** The window the sign-in rate limits count over. */
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

export interface SignInPolicy {
  perIp: number;
  perAccount: number;
  lockoutFailures: number;
  lockoutMs: number;
}

export type SignInResult =
  | { ok: true; account: Account; created: NewSession }
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { ok: false; reason: 'failed' };

export class SignIn {
  private readonly byIp: SlidingWindowLimit;
  private readonly byAccount: SlidingWindowLimit;

  constructor(
    private readonly accounts: Accounts,
    private readonly sessions: ConsoleSessions,
    private readonly audit: AuditLog,
    private readonly policy: SignInPolicy,
  ) {
    this.byIp = new SlidingWindowLimit(policy.perIp, SIGN_IN_WINDOW_MS);
    this.byAccount = new SlidingWindowLimit(policy.perAccount, SIGN_IN_WINDOW_MS);
  }

  async attempt(username: string, password: string, ip: string, now: () => number): Promise<SignInResult> {
    const name = username.trim().toLowerCase();
    const at = now();
    if (!this.byIp.take(ip, at)) return { ok: false, reason: 'rate_limited', retryAfterSeconds: this.byIp.retryAfterSeconds(ip, at) };
    if (!this.byAccount.take(name, at)) {
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: this.byAccount.retryAfterSeconds(name, at) };
    }
    const account = name && password.length <= MAX_PASSWORD_LENGTH * 4 ? this.accounts.byUsername(name) : null;
    const hash = account ? this.accounts.passwordHash(account.id) : null;
    // Verify even when the answer is already no, so every refusal takes as long as a real check.
    const matches = await verifyPassword(password, hash ?? (await decoyHash()));
    const done = now();
    if (!account) {
      this.audit.record(UNKNOWN, 'sign_in_failed', done, { detail: 'unknown_username' });
      return { ok: false, reason: 'failed' };
    }
    const actor = { id: account.id, name: account.username };
    if (account.disabledAt !== null) {
      this.audit.record(actor, 'sign_in_failed', done, { subjectId: account.id, detail: 'disabled' });
      return { ok: false, reason: 'failed' };
    }
    if (account.lockedUntil !== null && account.lockedUntil > done) {
      // Even the right password is refused while locked; a wrong one does not extend the lock.
      this.audit.record(actor, 'sign_in_locked', done, { subjectId: account.id });
      return { ok: false, reason: 'failed' };
    }
    if (!matches) {
      const locked = this.accounts.recordFailure(account.id, done, this.policy.lockoutFailures, this.policy.lockoutMs);
      this.audit.record(actor, 'sign_in_failed', done, { subjectId: account.id, detail: 'wrong_password' });
      if (locked) this.audit.record(actor, 'account_locked', done, { subjectId: account.id });
      return { ok: false, reason: 'failed' };
    }
    this.accounts.recordSuccess(account.id, done);
    const created = this.sessions.create(account.id, done);
    this.audit.record(actor, 'sign_in', done, { subjectId: account.id });
    return { ok: true, account: this.accounts.get(account.id) ?? account, created };
  }
}
