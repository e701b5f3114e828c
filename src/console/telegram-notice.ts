/**
 * An optional notice to a caseworkers' Telegram group when someone new is waiting: "A new
 * request is waiting (urgent)", in the deployment's first language, and nothing else: no
 * language, no country, no words of the person, no link that could identify them. Posted
 * with the Bot API's sendMessage; a failure is logged (without the token) and never retried
 * into a flood.
 */
import type { Texts } from '../engine/texts';
import type { Logger } from '../server/logger';
import type { Caseworker, ConsoleHandoffs } from './handoff-port';
import { CONSOLE_NS } from './ui-strings';

/** A Telegram request that takes longer than this is given up. */
const SEND_TIMEOUT_MS = 10_000;
/** Who lists the queue for the notice: it needs every waiting handoff, and reads nothing else. */
const QUEUE_WATCHER: Caseworker = { id: 'telegram-notice', firstName: '', role: 'supervisor', roleTitle: '' };

export interface TelegramNoticeOptions {
  apiRoot: string;
  token: string;
  chatId: string;
  handoffs: ConsoleHandoffs;
  texts: Texts;
  log: Logger;
}

export class TelegramNotice {
  private known = new Set<string>();
  private unsubscribe: (() => void) | null = null;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: TelegramNoticeOptions) {}

  start(): void {
    this.known = new Set(this.waiting().map((h) => h.id));
    this.unsubscribe = this.o.handoffs.subscribe((c) => {
      if (c.type === 'queue') this.check();
    });
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await Promise.allSettled([...this.inFlight]);
  }

  private waiting() {
    return this.o.handoffs.list(QUEUE_WATCHER).filter((h) => h.status === 'waiting');
  }

  private check(): void {
    const waiting = this.waiting();
    for (const h of waiting) {
      if (this.known.has(h.id)) continue;
      const p = this.send(h.urgent).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
    this.known = new Set(waiting.map((h) => h.id));
  }

  private async send(urgent: boolean): Promise<void> {
    const lang = this.o.texts.languages[0] ?? 'en';
    const text = this.o.texts.render(lang, CONSOLE_NS, urgent ? 'notify_new_urgent' : 'notify_new', undefined) ?? 'A new request is waiting.';
    try {
      const res = await fetch(`${this.o.apiRoot.replace(/\/$/, '')}/bot${this.o.token}/sendMessage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ chat_id: this.o.chatId, text }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!res.ok) this.o.log.warn({ status: res.status }, 'console: the Telegram group notice was refused');
      else await res.arrayBuffer();
    } catch (e) {
      this.o.log.warn({ err: { name: e instanceof Error ? e.name : typeof e } }, 'console: the Telegram group notice could not be sent');
    }
  }
}
