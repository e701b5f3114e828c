/** What every console route handler may use, built once by `createConsole`. */
import type { Texts } from '../engine/texts';
import type { Db } from '../store/database';
import type { Logger } from '../server/logger';
import type { Accounts } from './accounts';
import type { AuditLog } from './audit-log';
import type { ConsoleSessions } from './console-sessions';
import type { CookiePolicy } from './cookies';
import type { Presence } from './event-stream';
import type { GuardDeps } from './guard';
import type { ConsoleHandoffs } from './handoff-port';
import type { ConsoleInsights } from './insights-port';
import type { QuickReplies } from './quick-replies';
import type { SignIn } from './sign-in';

export interface ConsoleDeps {
  handoffs: ConsoleHandoffs;
  /** for the supervisors' dashboard, read only through src/insights (which suppresses) */
  db: Db;
  insights: ConsoleInsights;
  accounts: Accounts;
  sessions: ConsoleSessions;
  audit: AuditLog;
  quickReplies: QuickReplies;
  signIn: SignIn;
  presence: Presence;
  texts: Texts;
  log: Logger;
  cookie: CookiePolicy;
  guard: GuardDeps;
  /** lockout policy, also applied to a wrong current password when changing it */
  lockout: { failures: number; ms: number };
  now(): number;
}
