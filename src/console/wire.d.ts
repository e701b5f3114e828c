/**
 * The console's wire format: what its API sends and what its page reads. The server
 * (src/console/) and the page's script (public/console/src/, compiled without modules) both
 * compile against these global declarations, so a change is checked on both sides. "Desk"
 * (the caseworker's desk) keeps the names apart from the web chat's `Wire` ones.
 * docs/console.md describes the API.
 */

interface DeskMe {
  id: string;
  username: string;
  firstName: string;
  role: 'caseworker' | 'supervisor';
  roleTitle: string;
}

interface DeskLanguage {
  code: string;
  /** the language's name in itself ("Українська") */
  name: string;
}

/** The JSON block in the page: its words, and who is signed in (with their CSRF token). */
interface DeskPageConfig {
  api: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: Record<string, string>;
  languages: DeskLanguage[];
  me: DeskMe | null;
  csrf: string | null;
  maxMessageChars: number;
}

type DeskStatus = 'waiting' | 'active' | 'closed';
type DeskOutcome = 'advice_given' | 'referred' | 'emergency_services' | 'no_response';

/** A line of the queue: enough to choose whom to answer, nothing the person wrote. */
interface DeskQueueItem {
  id: string;
  status: DeskStatus;
  urgent: boolean;
  lang: string;
  channel: string;
  createdAt: number;
  acceptedAt: number | null;
  closedAt: number | null;
  position: number | null;
  waitingMs: number;
  /** who accepted it (first name), or null while waiting */
  caseworker: { id: string; firstName: string } | null;
  /** accepted by the viewer */
  mine: boolean;
  outcome: DeskOutcome | null;
  referredTo: string | null;
}

/** One handoff as opened: the queue line and what the person agreed to share. */
interface DeskHandoff extends DeskQueueItem {
  summary: {
    /** coarse answers by field code (audience, age, country, city, topic...) */
    fields: Record<string, string>;
    /** warning signs noted in "Check a situation", by code */
    signs: string[];
    /** the optional short message in the person's own words */
    message: string | null;
    topic: string | null;
  };
}

interface DeskMessage {
  id: number;
  from: 'person' | 'caseworker' | 'system';
  text: string;
  at: number;
}

interface DeskQuickReply {
  id: number;
  lang: string;
  title: string;
  body: string;
  position: number;
}

interface DeskAuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  handoffId: string | null;
  subjectId: string | null;
  detail: string | null;
}

interface DeskAccount {
  id: string;
  username: string;
  firstName: string;
  role: 'caseworker' | 'supervisor';
  roleTitle: string;
  disabled: boolean;
  locked: boolean;
  lastSignInAt: number | null;
}

/**
 * The supervisors' dashboard (GET /api/insights): anonymous counts over a period. A count is
 * null when it is under the threshold ("fewer than minCount"); the number never leaves the
 * server. Same shape as `Dashboard` in src/insights/dashboard.ts (the route checks it).
 */
type DeskCount = number | null;

interface DeskTotal {
  count: DeskCount;
  /** the total was withheld (it would reveal a small part) but is at least this */
  atLeast: number | null;
}

interface DeskItem {
  code: string;
  count: DeskCount;
}

interface DeskInsights {
  from: string;
  to: string;
  minCount: number;
  totals: { flowsStarted: DeskTotal; flowsFinished: DeskTotal; helpSearched: DeskTotal; handoffsRequested: DeskTotal; emergencies: DeskTotal };
  daily: { day: string; count: DeskCount }[];
  flows: { flow: string; label: string; started: DeskCount; finished: DeskCount; finishedShare: number | null }[];
  dropOff: { flow: string; flowLabel: string; node: string; text: string | null; count: DeskCount }[];
  dropOffMore: number;
  quiz: { flow: string; flowLabel: string; node: string; text: string | null; right: DeskCount; wrong: DeskCount; wrongShare: number | null }[];
  help: { byCategory: DeskItem[]; byCountry: DeskItem[] };
  handoffs: { byLanguage: DeskItem[]; byUrgency: DeskItem[]; answeredByWait: DeskItem[]; unanswered: DeskCount; outcomes: DeskItem[] };
  emergenciesByLanguage: DeskItem[];
  interrupts: DeskItem[];
}

/** What the event stream sends (`data:` of each event, JSON). */
type DeskEvent =
  | { type: 'queue' }
  | { type: 'status'; handoffId: string }
  /** a message in a handoff the viewer has accepted */
  | { type: 'message'; handoffId: string; message: DeskMessage }
  /** a message in someone else's handoff (supervisors): fetch it if that handoff is open */
  | { type: 'activity'; handoffId: string }
  | { type: 'signed_out' };

interface DeskError {
  error: { code: string; message: string };
}
