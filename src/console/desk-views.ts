/** What the console API sends: handoffs, messages and accounts in the wire shapes of wire.d.ts. */
import type { Account, Accounts } from './accounts';
import type { AuditEntry } from './audit-log';
import type { HandoffMessage, HandoffView } from './handoff-port';
import type { QuickReply } from './quick-replies';

/** The queue's order: emergencies first, then the longest waiting; then open chats; then closed ones. */
export function queueOrder(a: HandoffView, b: HandoffView): number {
  const rank = (h: HandoffView) => (h.status === 'waiting' ? (h.urgent ? 0 : 1) : h.status === 'active' ? (h.urgent ? 2 : 3) : 4);
  return rank(a) - rank(b) || (a.status === 'closed' ? (b.closedAt ?? 0) - (a.closedAt ?? 0) : a.createdAt - b.createdAt);
}

export function queueItem(h: HandoffView, viewer: Account, accounts: Accounts): DeskQueueItem {
  const cw = h.caseworkerId ? accounts.get(h.caseworkerId) : null;
  return {
    id: h.id,
    status: h.status,
    urgent: h.urgent,
    lang: h.lang,
    channel: h.channel,
    createdAt: h.createdAt,
    acceptedAt: h.acceptedAt,
    closedAt: h.closedAt,
    position: h.position,
    waitingMs: h.waitingMs,
    caseworker: h.caseworkerId ? { id: h.caseworkerId, firstName: cw?.firstName ?? '?' } : null,
    mine: h.caseworkerId === viewer.id,
    outcome: h.outcome,
    referredTo: h.referredTo,
  };
}

export function deskHandoff(h: HandoffView, viewer: Account, accounts: Accounts): DeskHandoff {
  return {
    ...queueItem(h, viewer, accounts),
    summary: { fields: { ...h.summary.fields }, signs: [...h.summary.signs], message: h.summary.message, topic: h.summary.topic },
  };
}

export function deskMessage(m: HandoffMessage): DeskMessage {
  return { id: m.id, from: m.from, text: m.text, at: m.at };
}

export function deskMe(a: Account): DeskMe {
  return { id: a.id, username: a.username, firstName: a.firstName, role: a.role, roleTitle: a.roleTitle };
}

export function deskAccount(a: Account, now: number): DeskAccount {
  return {
    id: a.id,
    username: a.username,
    firstName: a.firstName,
    role: a.role,
    roleTitle: a.roleTitle,
    disabled: a.disabledAt !== null,
    locked: a.lockedUntil !== null && a.lockedUntil > now,
    lastSignInAt: a.lastSignInAt,
  };
}

export function deskQuickReply(r: QuickReply): DeskQuickReply {
  return { id: r.id, lang: r.lang, title: r.title, body: r.body, position: r.position };
}

export function deskAuditEntry(e: AuditEntry): DeskAuditEntry {
  return { id: e.id, at: e.at, actor: e.actor, action: e.action, handoffId: e.handoffId, subjectId: e.subjectId, detail: e.detail };
}

/**
 * Who may do what with a handoff. A caseworker sees the waiting ones (to choose) and their own;
 * a supervisor sees all of them. Only the one who accepted writes, or a supervisor stepping in.
 */
export const access = {
  open: (a: Account, h: HandoffView) => a.role === 'supervisor' || h.status === 'waiting' || h.caseworkerId === a.id,
  read: (a: Account, h: HandoffView) => a.role === 'supervisor' || (h.caseworkerId === a.id && h.status !== 'waiting'),
  write: (a: Account, h: HandoffView) => h.status === 'active' && (h.caseworkerId === a.id || a.role === 'supervisor'),
  close: (a: Account, h: HandoffView) => h.status !== 'closed' && (h.caseworkerId === a.id || a.role === 'supervisor'),
};
