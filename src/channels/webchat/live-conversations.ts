/**
 * Web chat conversations that are open right now, by token.
 *
 * A page holds a short-lived random token (in sessionStorage); the session key is
 * `pseudonym(secret, 'webchat', token)`, so the database never sees the token (this map, in
 * memory, finds a conversation by its token without an HMAC per request). Each open
 * conversation keeps, in memory only, the bot's last messages (numbered, for reconnects and
 * polling) and the streams and long polls waiting for new ones. A token lives exactly as long
 * as its session: every turn extends both by the session time to live, and a token whose time
 * is up, or whose conversation was ended (quick exit, DELETE), is unknown from then on.
 * Nothing the user typed is kept here.
 */
import { randomBytes } from 'node:crypto';
import { pseudonym } from '../../privacy/pseudonym';
import type { UnnumberedMessage, WebMessage } from './web-message';

/** Messages kept per conversation for reconnects; older ones are dropped (the page has shown them). */
export const KEPT_MESSAGES = 100;
/** Streams and long polls per conversation; a new one beyond this closes the oldest (a dead link). */
export const MAX_SUBSCRIBERS = 4;
/** 32 random bytes, base64url: unguessable, and short enough for a header. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export type EndReason = 'erased' | 'exited' | 'expired';

/** A stream or a long poll waiting for this conversation's next messages. */
export interface Subscriber {
  deliver(messages: readonly WebMessage[]): void;
  /** the conversation is over: say why, then finish */
  end(reason: EndReason): void;
  /** finish without ending the conversation (server shutdown, a newer stream took over) */
  close(): void;
}

/** The answer to a request, kept so that a retried request (same `requestId`) is not run twice. */
export interface RememberedReply {
  requestId: string;
  last: number;
}

export class LiveConversation {
  private seq = 0;
  private readonly kept: WebMessage[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private endedBy: EndReason | null = null;
  lastReply: RememberedReply | null = null;

  constructor(
    /** the page's token; memory only, never written anywhere */
    readonly token: string,
    /** the session key: a pseudonym of the token */
    readonly key: string,
    public expiresAt: number,
  ) {}

  /** The seq of the newest message (0 before the first). */
  get last(): number {
    return this.seq;
  }

  get ended(): EndReason | null {
    return this.endedBy;
  }

  /** Number the messages, keep them, and hand them to every waiting stream and poll. */
  push(messages: readonly UnnumberedMessage[]): WebMessage[] {
    const numbered = messages.map((m) => ({ seq: ++this.seq, ...m }));
    this.kept.push(...numbered);
    if (this.kept.length > KEPT_MESSAGES) this.kept.splice(0, this.kept.length - KEPT_MESSAGES);
    if (numbered.length) for (const s of [...this.subscribers]) s.deliver(numbered);
    return numbered;
  }

  /** Drop every kept message (the person erased their data: a reload must not show them). */
  forgetKept(): void {
    this.kept.length = 0;
    this.lastReply = null;
  }

  /** Kept messages after `seq` (all kept ones for 0). */
  after(seq: number): WebMessage[] {
    // Kept messages are numbered without gaps, so the first one after `seq` is found by arithmetic.
    const first = this.kept[0]?.seq ?? this.seq + 1;
    return this.kept.slice(Math.max(0, seq - first + 1));
  }

  /** Wait for new messages; returns the unsubscribe function. */
  subscribe(s: Subscriber): () => void {
    if (this.subscribers.size >= MAX_SUBSCRIBERS) {
      const oldest = this.subscribers.values().next().value;
      if (oldest) {
        this.subscribers.delete(oldest);
        oldest.close();
      }
    }
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Close every stream and poll, leaving the conversation open (server shutdown). */
  closeSubscribers(): void {
    const waiting = [...this.subscribers];
    this.subscribers.clear();
    for (const s of waiting) s.close();
  }

  /** Forget every message and tell whoever is waiting that the conversation is over. */
  end(reason: EndReason): void {
    if (this.endedBy) return;
    this.endedBy = reason;
    this.kept.length = 0;
    this.lastReply = null;
    const waiting = [...this.subscribers];
    this.subscribers.clear();
    for (const s of waiting) s.end(reason);
  }
}

export interface LiveConversationsOptions {
  /** the pseudonym secret */
  secret: string;
  /** the session time to live: a token lives as long as its session */
  ttlMs: number;
  /** conversations open at once; `open` refuses more */
  max: number;
}

export class LiveConversations {
  private readonly byToken = new Map<string, LiveConversation>();
  /** the same conversations by session key: how a caseworker's message finds its page */
  private readonly byKey = new Map<string, LiveConversation>();

  constructor(private readonly o: LiveConversationsOptions) {}

  get size(): number {
    return this.byToken.size;
  }

  /** A new conversation and its token, or null when `max` are open. */
  open(now: number): { token: string; conversation: LiveConversation } | null {
    if (this.byToken.size >= this.o.max) this.sweep(now);
    if (this.byToken.size >= this.o.max) return null;
    const token = randomBytes(32).toString('base64url');
    const conversation = new LiveConversation(token, pseudonym(this.o.secret, 'webchat', token), now + this.o.ttlMs);
    this.byToken.set(token, conversation);
    this.byKey.set(conversation.key, conversation);
    return { token, conversation };
  }

  /** The open conversation for a token, or null (malformed, never issued, ended or expired). */
  find(token: string, now: number): LiveConversation | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const c = this.byToken.get(token);
    if (!c) return null;
    if (c.expiresAt <= now) {
      this.end(c, 'expired');
      return null;
    }
    return c;
  }

  /** A turn happened: the token lives on as long as the session does. */
  touch(c: LiveConversation, now: number): void {
    c.expiresAt = now + this.o.ttlMs;
  }

  /** The open conversation with this session key, or null. */
  findByKey(key: string, now: number): LiveConversation | null {
    const c = this.byKey.get(key);
    return c ? this.find(c.token, now) : null;
  }

  end(c: LiveConversation, reason: EndReason): void {
    this.byToken.delete(c.token);
    this.byKey.delete(c.key);
    c.end(reason);
  }

  /** End conversations whose time is up; returns how many. */
  sweep(now: number): number {
    let n = 0;
    for (const c of [...this.byToken.values()]) {
      if (c.expiresAt > now) continue;
      this.end(c, 'expired');
      n++;
    }
    return n;
  }

  /** Close every stream and long poll so the server can stop. */
  closeSubscribers(): void {
    for (const c of this.byToken.values()) c.closeSubscribers();
  }
}
