/** The warm handoff's vocabulary, shared by the person's side, the console and the referral webhook. */

export type HandoffStatus = 'waiting' | 'active' | 'closed';

export const outcomes = ['advice_given', 'referred', 'emergency_services', 'no_response'] as const;
export type Outcome = (typeof outcomes)[number];

/** A signed-in console user, as the handoff core needs to know them. */
export interface Caseworker {
  id: string;
  /** shown to the person: first name only */
  firstName: string;
  role: 'caseworker' | 'supervisor';
  /** shown to the person, e.g. "social worker" */
  roleTitle: string;
}

export interface HandoffSummary {
  /** coded answers the person chose to share (audience, age, country, city...) */
  fields: Record<string, string>;
  /** warning signs noted in "Check a situation" that the person chose to share */
  signs: string[];
  /** an optional short message in their own words */
  message: string | null;
  topic: string | null;
}

export interface HandoffView {
  id: string;
  status: HandoffStatus;
  urgent: boolean;
  lang: string;
  channel: string;
  /** true when the person consented: summary and transcript are stored for the retention period */
  stored: boolean;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  /** place in the queue (1 = next), while waiting */
  position: number | null;
  waitingMs: number;
  caseworkerId: string | null;
  summary: HandoffSummary;
  outcome: Outcome | null;
  referredTo: string | null;
}

export interface HandoffMessage {
  id: number;
  handoffId: string;
  from: 'person' | 'caseworker' | 'system';
  text: string;
  at: number;
}

export type HandoffChange =
  | { type: 'queue' }
  | { type: 'message'; handoffId: string; message: HandoffMessage }
  | { type: 'status'; handoffId: string };
