/**
 * The audit log: who opened, read, wrote to or closed which handoff and when, every sign-in
 * (and failed one), and every change to accounts and quick replies. Supervisors read it in the
 * console. It names handoffs by their opaque id and never holds what anyone wrote.
 */
import type { Db } from '../store/database';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_in_locked',
  'account_locked',
  'sign_out',
  /** a handoff's summary was opened */
  'open',
  /** a handoff's messages were read */
  'read',
  'accept',
  /** a message was sent to the person */
  'write',
  'close',
  'account_create',
  'account_disable',
  'account_enable',
  'password_reset',
  'password_change',
  'quick_reply_create',
  'quick_reply_update',
  'quick_reply_delete',
  'quick_replies_seeded',
  'audit_read',
  /** the anonymous counters were downloaded as CSV (detail: the period) */
  'insights_export',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it: a signed-in caseworker, the system, or a sign-in for a name that has no account. */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM: Actor = { id: null, name: 'system' };
export const UNKNOWN: Actor = { id: null, name: '(unknown)' };
/** `haven caseworker ...` on the server's command line (whoever can run it can read the database anyway). */
export const COMMAND_LINE: Actor = { id: null, name: '(command line)' };

export interface AuditEntry {
  id: number;
  at: number;
  actorId: string | null;
  actor: string;
  action: AuditAction;
  handoffId: string | null;
  subjectId: string | null;
  detail: string | null;
}

export interface AuditQuery {
  /** entries older than this id (paging back) */
  before?: number | undefined;
  handoffId?: string | undefined;
  actorId?: string | undefined;
  limit: number;
}

export interface AuditRecord {
  handoffId?: string | null;
  subjectId?: string | null;
  detail?: string | null;
}

interface Row {
  id: number;
  at: number;
  actor_id: string | null;
  actor: string;
  action: AuditAction;
  handoff_id: string | null;
  subject_id: string | null;
  detail: string | null;
}

export class AuditLog {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor_id, actor, action, handoff_id, subject_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  record(actor: Actor, action: AuditAction, now: number, r: AuditRecord = {}): void {
    this.insert.run(now, actor.id, actor.name, action, r.handoffId ?? null, r.subjectId ?? null, r.detail ?? null);
  }

  /** Newest first. */
  list(q: AuditQuery): AuditEntry[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (q.before !== undefined) {
      where.push('id < ?');
      args.push(q.before);
    }
    if (q.handoffId) {
      where.push('handoff_id = ?');
      args.push(q.handoffId);
    }
    if (q.actorId) {
      where.push('actor_id = ?');
      args.push(q.actorId);
    }
    const sql = `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit) as Row[]).map(toEntry);
  }

  /** Whether `action` was ever recorded (within the retention period). */
  has(action: AuditAction): boolean {
    return this.db.prepare('SELECT 1 FROM audit_log WHERE action = ? LIMIT 1').get(action) !== undefined;
  }

  sweep(now: number, retentionMs: number): number {
    return this.db.prepare('DELETE FROM audit_log WHERE at < ?').run(now - retentionMs).changes;
  }
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actor: r.actor,
    action: r.action,
    handoffId: r.handoff_id,
    subjectId: r.subject_id,
    detail: r.detail,
  };
}
