/**
 * The warm handoff's core: the queue (emergencies first), the relay between a person on their
 * own channel and a caseworker in the console, and what is kept. A summary and transcript are
 * stored only under the `handoff` consent (for the retention period after closing); without
 * it they live in memory while the handoff is open and are gone when it closes. The channel
 * address needed to relay is kept only while the handoff is open.
 */
import { randomBytes } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Delivery } from '../conversation/delivery';
import type { Texts } from '../engine/texts';
import type { Clock, EngineEvent, Output, Signal } from '../engine/types';
import type { TurnOrigin } from '../privacy/privacy-host';
import type { Db } from '../store/database';
import { describeHours, isOpen, type Hours } from './hours';
import type { Insights } from '../insights/insights';
import { waitBucket } from '../insights/metrics';
import type { ReferralSender } from './referral';
import type { Caseworker, HandoffChange, HandoffMessage, HandoffStatus, HandoffSummary, HandoffView, Outcome } from './types';

type HandoffRequest = Extract<EngineEvent, { type: 'handoff'; action: 'request' }>;

/** How often waiting handoffs are checked for the answer time. */
export const TICK_MS = 15_000;
/** An open handoff is never swept; this only bounds one that was never closed (a lost process). */
const OPEN_HANDOFF_LIMIT_MS = 7 * 24 * 60 * 60 * 1000;
/** Longest caseworker or person message relayed; longer ones are refused. */
export const MAX_RELAY_TEXT = 4000;

export interface HandoffOptions {
  db: Db;
  texts: Texts;
  delivery: Delivery;
  clock: Clock;
  hours: Hours;
  timeZone: string;
  answerMs: number;
  retentionMs: number;
  referrals?: ReferralSender;
  insights?: Insights;
}

interface Row {
  id: string;
  key: string;
  status: HandoffStatus;
  urgent: number;
  lang: string;
  channel: string;
  address: string | null;
  stored: number;
  summary: string | null;
  caseworker_id: string | null;
  created_at: number;
  accepted_at: number | null;
  closed_at: number | null;
  outcome: Outcome | null;
  referred_to: string | null;
}

/** Runs a host signal through the person's conversation and returns what to tell them. */
export type SignalRunner = (key: string, signal: Signal) => Output[];

export class HandoffService {
  private readonly listeners = new Set<(c: HandoffChange) => void>();
  private readonly online = new Set<string>();
  /** summaries and transcripts of handoffs without consent: memory only, while open */
  private readonly ephemeral = new Map<string, { summary: HandoffSummary; messages: HandoffMessage[] }>();
  private readonly unansweredSent = new Set<string>();
  /** people with an open handoff, so an ordinary turn costs no query */
  private readonly openKeys: Set<string>;
  private nextEphemeralId = -1;
  private readonly hoursByLang = new Map<string, string>();
  /** called with each accepted handoff's wait, in seconds (the metrics) */
  onWait: ((seconds: number) => void) | null = null;
  private signals: SignalRunner = () => [];
  private timer: NodeJS.Timeout | null = null;
  private readonly q: Record<string, Statement<any[]>>;

  constructor(private readonly o: HandoffOptions) {
    const db = o.db;
    this.q = {
      insert: db.prepare(
        `INSERT INTO handoffs (id, key, status, urgent, lang, channel, address, stored, summary, created_at, expires_at)
         VALUES (@id, @key, 'waiting', @urgent, @lang, @channel, @address, @stored, @summary, @now, @expires)`,
      ),
      byId: db.prepare('SELECT * FROM handoffs WHERE id = ?'),
      openByKey: db.prepare("SELECT * FROM handoffs WHERE key = ? AND status != 'closed' ORDER BY created_at DESC LIMIT 1"),
      open: db.prepare("SELECT * FROM handoffs WHERE status != 'closed' ORDER BY urgent DESC, created_at ASC"),
      recent: db.prepare("SELECT * FROM handoffs WHERE status = 'closed' AND closed_at > ? ORDER BY closed_at DESC LIMIT 50"),
      accept: db.prepare("UPDATE handoffs SET status = 'active', caseworker_id = ?, accepted_at = ? WHERE id = ? AND status = 'waiting'"),
      close: db.prepare(
        "UPDATE handoffs SET status = 'closed', address = NULL, closed_at = @now, outcome = @outcome, referred_to = @referredTo, expires_at = @expires WHERE id = @id",
      ),
      remove: db.prepare('DELETE FROM handoffs WHERE id = ?'),
      urgent: db.prepare('UPDATE handoffs SET urgent = 1 WHERE id = ?'),
      message: db.prepare('INSERT INTO handoff_messages (handoff_id, key, sender, text, at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'),
      messages: db.prepare('SELECT id, handoff_id, sender, text, at FROM handoff_messages WHERE handoff_id = ? ORDER BY id'),
      expireMessages: db.prepare('UPDATE handoff_messages SET expires_at = ? WHERE handoff_id = ?'),
    };
    this.openKeys = new Set(db.prepare("SELECT key FROM handoffs WHERE status != 'closed'").pluck().all() as string[]);
  }

  /** Conversations runs signals through the person's flow; set once both exist. */
  setSignalRunner(runner: SignalRunner): void {
    this.signals = runner;
  }

  /** Check answer times every TICK_MS until stop(). */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves when every referral post in flight (with its retries) has finished. */
  async referralsSettled(): Promise<void> {
    await this.o.referrals?.settled();
  }

  subscribe(listener: (c: HandoffChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setOnline(caseworkerId: string, online: boolean): void {
    if (online) this.online.add(caseworkerId);
    else this.online.delete(caseworkerId);
  }

  /** Can someone answer now: within hours, with at least one caseworker online? */
  available(now = this.o.clock.now()): boolean {
    return this.online.size > 0 && isOpen(this.o.hours, now, this.o.timeZone);
  }

  /** The hours in the person's language, for the explanation before consent. */
  hoursText(lang: string): string {
    // Built once per language: the hours do not change while Haven runs, and date formatters
    // are costly (this ran on every turn and took a fifth of the CPU under load).
    let text = this.hoursByLang.get(lang);
    if (text === undefined) this.hoursByLang.set(lang, (text = describeHours(this.o.hours, lang, this.say(lang, 'hours_always'))));
    return text;
  }

  /** People waiting now (for the queue-length metric). */
  waitingCount(): number {
    return (this.q['open']!.all() as Row[]).filter((r) => r.status === 'waiting').length;
  }

  // ---- the person's side (called from Conversations) ---------------------------------

  /** A new request: queued, or the open one kept. Returns what to tell the person now. */
  request(key: string, req: HandoffRequest, lang: string, origin: TurnOrigin | undefined): { text: string; signal: Signal | null } {
    const now = this.o.clock.now();
    const existing = this.q['openByKey']!.get(key) as Row | undefined;
    if (existing) return { text: this.queueText(existing, lang), signal: null };
    const summary: HandoffSummary = {
      fields: Object.fromEntries(Object.entries(req.share).map(([k, v]) => [k, String(v)])),
      signs: req.signs,
      message: req.message,
      topic: req.topic,
    };
    const id = randomBytes(9).toString('base64url');
    this.q['insert']!.run({
      id,
      key,
      urgent: req.urgent ? 1 : 0,
      lang,
      channel: origin?.channel ?? 'unknown',
      address: origin?.address ?? null,
      stored: req.stored ? 1 : 0,
      summary: req.stored ? JSON.stringify(summary) : null,
      now,
      expires: now + OPEN_HANDOFF_LIMIT_MS,
    });
    if (!req.stored) this.ephemeral.set(id, { summary, messages: [] });
    this.openKeys.add(key);
    this.emit({ type: 'queue' });
    const row = this.q['byId']!.get(id) as Row;
    return { text: this.queueText(row, lang), signal: this.available(now) ? null : 'handoff_unavailable' };
  }

  /** A message from the person: to the console, and stored only under consent. */
  relay(key: string, text: string): void {
    const row = this.q['openByKey']!.get(key) as Row | undefined;
    if (!row) return;
    this.addMessage(row, 'person', text.slice(0, MAX_RELAY_TEXT));
  }

  /** The person ended the chat, or left it (stop, menu, another language). */
  personLeft(key: string, reason: 'person_ended' | 'person_left'): void {
    const row = this.q['openByKey']!.get(key) as Row | undefined;
    if (!row) return;
    this.addMessage(row, 'system', `system:${reason}`);
    this.finish(row, row.status === 'active' ? null : 'no_response', null);
  }

  /** The person used the emergency interrupt during a handoff: it goes to the top of the queue. */
  emergencyUsed(key: string): void {
    const row = this.q['openByKey']!.get(key) as Row | undefined;
    if (!row) return;
    this.q['urgent']!.run(row.id);
    this.addMessage(row, 'system', 'system:emergency_used');
    this.emit({ type: 'queue' });
  }

  /** DELETE: end any open handoff and forget everything about it (the rows go with the erasure). */
  forget(key: string, handoffIds: string[]): void {
    this.openKeys.delete(key);
    for (const id of handoffIds) {
      this.ephemeral.delete(id);
      this.unansweredSent.delete(id);
      this.emit({ type: 'status', handoffId: id });
    }
    if (handoffIds.length) this.emit({ type: 'queue' });
  }

  /** Ids of this person's handoffs (for erasure to tell the console). */
  idsFor(key: string): string[] {
    return (this.o.db.prepare('SELECT id FROM handoffs WHERE key = ?').pluck().all(key) as string[]);
  }

  hasOpen(key: string): boolean {
    if (!this.openKeys.has(key)) return false;
    if (this.q['openByKey']!.get(key) !== undefined) return true;
    this.openKeys.delete(key); // its rows were erased (the consent was withdrawn)
    return false;
  }

  // ---- the console's side -----------------------------------------------------------

  list(viewer: Caseworker): HandoffView[] {
    const now = this.o.clock.now();
    const open = (this.q['open']!.all() as Row[]).map((r) => this.view(r, now));
    const mine = open.filter((h) => h.status === 'waiting' || viewer.role === 'supervisor' || h.caseworkerId === viewer.id);
    if (viewer.role !== 'supervisor') return mine;
    const closed = (this.q['recent']!.all(now - 24 * 60 * 60 * 1000) as Row[]).map((r) => this.view(r, now));
    return [...mine, ...closed];
  }

  get(id: string): HandoffView | null {
    const row = this.q['byId']!.get(id) as Row | undefined;
    return row ? this.view(row, this.o.clock.now()) : null;
  }

  messages(id: string): HandoffMessage[] {
    const mem = this.ephemeral.get(id);
    if (mem) return [...mem.messages];
    return (this.q['messages']!.all(id) as { id: number; handoff_id: string; sender: HandoffMessage['from']; text: string; at: number }[]).map(
      (m) => ({ id: m.id, handoffId: m.handoff_id, from: m.sender, text: m.text, at: m.at }),
    );
  }

  /** A caseworker takes a waiting handoff; the person is told their first name and role. */
  async accept(id: string, by: Caseworker): Promise<HandoffView> {
    const now = this.o.clock.now();
    if (this.q['accept']!.run(by.id, now, id).changes === 0) throw new HandoffError(409, 'this handoff is not waiting');
    const row = this.q['byId']!.get(id) as Row;
    this.o.insights?.count('handoff_answered', waitBucket(now - row.created_at));
    this.onWait?.((now - row.created_at) / 1000);
    this.emit({ type: 'status', handoffId: id });
    this.emit({ type: 'queue' });
    await this.tellPerson(row, [this.output(row, this.say(row.lang, 'accepted', { name: by.firstName, role: by.roleTitle }))]);
    return this.view(row, now);
  }

  /** A caseworker's message, relayed to the person's own channel. */
  async send(id: string, by: Caseworker, text: string): Promise<HandoffMessage> {
    const row = this.q['byId']!.get(id) as Row | undefined;
    if (!row || row.status !== 'active') throw new HandoffError(409, 'this handoff is not active');
    if (row.caseworker_id !== by.id && by.role !== 'supervisor') throw new HandoffError(403, 'another caseworker has this handoff');
    const clean = text.trim();
    if (!clean || clean.length > MAX_RELAY_TEXT) throw new HandoffError(400, `a message has 1 to ${MAX_RELAY_TEXT} characters`);
    const message = this.addMessage(row, 'caseworker', clean);
    // Every channel shows who is writing: the first name before the words.
    const out = this.output(row, `${by.firstName}: ${clean}`);
    out.sender = { name: by.firstName, role: by.roleTitle };
    await this.tellPerson(row, [out]);
    return message;
  }

  /** A caseworker ends the handoff with an outcome; the person is told and the bot resumes. */
  async close(id: string, by: Caseworker, outcome: Outcome, referredTo?: string): Promise<void> {
    const row = this.q['byId']!.get(id) as Row | undefined;
    if (!row || row.status === 'closed') throw new HandoffError(409, 'this handoff is already closed');
    if (row.status === 'active' && row.caseworker_id !== by.id && by.role !== 'supervisor') {
      throw new HandoffError(403, 'another caseworker has this handoff');
    }
    const goodbye = this.output(row, this.say(row.lang, 'closed_by_caseworker', { name: by.firstName }));
    const next = this.signals(row.key, 'handoff_closed');
    await this.tellPerson(row, [goodbye, ...next]);
    this.finish(row, outcome, referredTo ?? null);
  }

  /** Offer helplines to people who have waited too long (once per handoff). */
  async tick(now = this.o.clock.now()): Promise<void> {
    for (const row of this.q['open']!.all() as Row[]) {
      if (row.status !== 'waiting' || this.unansweredSent.has(row.id)) continue;
      if (now - row.created_at < this.o.answerMs) continue;
      this.unansweredSent.add(row.id);
      this.o.insights?.count('handoff_unanswered', row.lang);
      await this.tellPerson(row, this.signals(row.key, 'handoff_unanswered'));
    }
  }

  // ---- internals ----------------------------------------------------------------------

  private finish(row: Row, outcome: Outcome | null, referredTo: string | null): void {
    const now = this.o.clock.now();
    this.o.insights?.count('handoff_outcome', outcome ?? 'person_left');
    const stored = row.stored === 1 && this.o.retentionMs > 0;
    if (stored) {
      this.q['close']!.run({ id: row.id, now, outcome: outcome ?? 'no_response', referredTo, expires: now + this.o.retentionMs });
      this.q['expireMessages']!.run(now + this.o.retentionMs, row.id);
      if (this.o.referrals) this.o.referrals.send({ view: this.closedView(row, outcome, referredTo, now) });
    } else {
      this.q['remove']!.run(row.id);
    }
    this.ephemeral.delete(row.id);
    this.unansweredSent.delete(row.id);
    this.openKeys.delete(row.key);
    this.emit({ type: 'status', handoffId: row.id });
    this.emit({ type: 'queue' });
  }

  private addMessage(row: Row, from: HandoffMessage['from'], text: string): HandoffMessage {
    const at = this.o.clock.now();
    let message: HandoffMessage;
    const mem = this.ephemeral.get(row.id);
    if (mem) {
      message = { id: this.nextEphemeralId--, handoffId: row.id, from, text, at };
      mem.messages.push(message);
    } else {
      const id = Number(this.q['message']!.run(row.id, row.key, from, text, at, at + OPEN_HANDOFF_LIMIT_MS).lastInsertRowid);
      message = { id, handoffId: row.id, from, text, at };
    }
    this.emit({ type: 'message', handoffId: row.id, message });
    return message;
  }

  private async tellPerson(row: Row, outputs: Output[]): Promise<void> {
    if (!row.address || outputs.length === 0) return;
    try {
      await this.o.delivery.deliver(row.channel, row.address, outputs);
    } catch {
      this.addMessage(row, 'system', 'system:delivery_failed');
    }
  }

  private output(row: Row, text: string): Output {
    return { kind: 'text', flow: 'handoff', node: 'relay', text, lang: row.lang, dir: this.o.texts.dir(row.lang) };
  }

  private say(lang: string, key: string, values?: Record<string, unknown>): string {
    return this.o.texts.render(lang, 'handoff', key, values) ?? '';
  }

  private queueText(row: Row, lang: string): string {
    return this.say(lang, 'queued', { position: this.position(row) ?? 1 });
  }

  private position(row: Row): number | null {
    if (row.status !== 'waiting') return null;
    const waiting = (this.q['open']!.all() as Row[]).filter((r) => r.status === 'waiting');
    return waiting.findIndex((r) => r.id === row.id) + 1 || null;
  }

  private view(row: Row, now: number): HandoffView {
    const summary = row.summary ? (JSON.parse(row.summary) as HandoffSummary) : (this.ephemeral.get(row.id)?.summary ?? { fields: {}, signs: [], message: null, topic: null });
    return {
      id: row.id,
      status: row.status,
      urgent: row.urgent === 1,
      lang: row.lang,
      channel: row.channel,
      stored: row.stored === 1,
      createdAt: row.created_at,
      acceptedAt: row.accepted_at,
      closedAt: row.closed_at,
      position: this.position(row),
      waitingMs: (row.accepted_at ?? row.closed_at ?? now) - row.created_at,
      caseworkerId: row.caseworker_id,
      summary,
      outcome: row.outcome,
      referredTo: row.referred_to,
    };
  }

  private closedView(row: Row, outcome: Outcome | null, referredTo: string | null, now: number): HandoffView {
    return this.view({ ...row, status: 'closed', outcome, referred_to: referredTo, closed_at: now }, now);
  }

  private emit(change: HandoffChange): void {
    for (const l of this.listeners) l(change);
  }
}

/** A console request that cannot be done, with the HTTP status to answer. */
export class HandoffError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
