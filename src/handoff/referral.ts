/**
 * Referrals: when a consented handoff closes, a signed JSON referral is posted to the
 * deployment's case-management system. Fields follow Primero's case and referral API (age, sex
 * if given, location, language, services needed, consent flags, notes) so an adapter on the
 * receiving side is thin. Only consented handoffs are referred (Primero refuses a referral
 * without consent_for_services). Failed posts are retried with backoff.
 */
import { createHmac } from 'node:crypto';
import type { HandoffView } from './types';

export interface Referral {
  type: 'haven.referral';
  version: 1;
  id: string;
  created_at: string;
  closed_at: string | null;
  case: {
    age: number | null;
    age_group: string | null;
    sex: string | null;
    location_current: { country: string | null; city: string | null };
    language: string[];
    protection_concerns: string[];
    urgent: boolean;
    consent_for_services: true;
    channel: string;
  };
  referral: {
    service: string | null;
    transitioned_to: string | null;
    outcome: string | null;
    notes: string | null;
  };
}

export function toReferral(view: HandoffView): Referral {
  const f = view.summary.fields;
  const age = f['age'] !== undefined && /^\d+$/.test(f['age']) ? Number(f['age']) : null;
  return {
    type: 'haven.referral',
    version: 1,
    id: view.id,
    created_at: new Date(view.createdAt).toISOString(),
    closed_at: view.closedAt ? new Date(view.closedAt).toISOString() : null,
    case: {
      age,
      age_group: f['audience'] ?? null,
      sex: f['sex'] ?? null,
      location_current: { country: f['country'] ?? null, city: f['city'] ?? null },
      language: [view.lang],
      protection_concerns: view.summary.signs,
      urgent: view.urgent,
      consent_for_services: true,
      channel: view.channel,
    },
    referral: {
      service: view.summary.topic,
      transitioned_to: view.referredTo,
      outcome: view.outcome,
      notes: view.summary.message,
    },
  };
}

/** `sha256=<hex>` over `<timestamp>.<body>`, so a captured request cannot be replayed later. */
export function signReferral(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface ReferralSenderOptions {
  url: string;
  secret: string;
  /** first retry delay; doubled each time (default 2 s) */
  backoffMs?: number;
  attempts?: number;
  onFailure?: (id: string, error: string) => void;
}

export class ReferralSender {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly o: ReferralSenderOptions) {}

  /** Post in the background with retries; `settled()` waits for every post in flight. */
  send(payload: { view: HandoffView }): void {
    const p = this.post(toReferral(payload.view)).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async post(referral: Referral): Promise<void> {
    const body = JSON.stringify(referral);
    const attempts = this.o.attempts ?? 5;
    let delay = this.o.backoffMs ?? 2000;
    let last = '';
    for (let i = 0; i < attempts; i++) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const res = await fetch(this.o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-haven-timestamp': timestamp,
            'x-haven-signature': signReferral(this.o.secret, timestamp, body),
            'idempotency-key': referral.id,
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.ok) return;
        last = `HTTP ${res.status}`;
        if (res.status >= 400 && res.status < 500 && res.status !== 429) break; // the receiver refuses it: retrying will not help
      } catch (e) {
        last = (e as Error).message;
      }
      if (i < attempts - 1) await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
    this.o.onFailure?.(referral.id, last);
  }
}
