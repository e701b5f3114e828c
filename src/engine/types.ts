/**
 * The engine's vocabulary: what comes in from a channel, what goes back out, and the
 * session state that links one turn to the next. Everything here is plain data so that
 * it serialises to SQLite and crosses channels unchanged.
 */

/** A value a flow may keep in a session: coarse answers only, never free text. */
export type Scalar = string | number | boolean;

/** One level of the flow call stack: which flow, and which node in it. */
export interface Frame {
  /** flow id */
  f: string;
  /** node id */
  n: string;
}

/** The whole of a conversation's persisted state. */
export interface SessionState {
  /** state format version, bumped when the shape changes */
  v: 1;
  /** the session language (a shipped language code) */
  lang: string;
  /** flow call stack; the last frame is the current position. Empty when idle. */
  stack: Frame[];
  /** coarse answers (language, age group, country...) kept for this session only */
  vars: Record<string, Scalar>;
  /** consecutive answers that could not be understood at the current question */
  misses: number;
  /** where to go back to after an interrupt that lets the user return (emergency) */
  resume: Frame[] | null;
}

export interface GeoPoint {
  lat: number;
  lon: number;
}

/** What a channel adapter hands the engine. */
export type Input =
  | { type: 'start'; langHint?: string }
  | { type: 'text'; text: string; langHint?: string }
  | { type: 'choice'; id: string }
  | { type: 'location'; point: GeoPoint }
  | { type: 'command'; name: string; langHint?: string }
  /** from the host, not the user: something happened outside the conversation (a caseworker accepted...) */
  | { type: 'signal'; name: Signal };

/** What the host tells a conversation about a handoff in progress. */
export type Signal = 'handoff_accepted' | 'handoff_closed' | 'handoff_unanswered' | 'handoff_unavailable';

/** The clock is injected so the engine stays pure and tests can fix time. */
export interface Clock {
  now(): number;
}

export type InterruptName = 'emergency' | 'menu' | 'language' | 'stop' | 'delete' | 'human';

export interface ChoiceOption {
  id: string;
  label: string;
}

/** Typed events for channels and the host to act on. */
export type EngineEvent =
  | {
      type: 'services';
      /** the kind of help asked for (a directory category), if the flow or user chose one */
      category: string | null;
      /** a shared point, used for this one search and never stored */
      point: GeoPoint | null;
      /** a typed place name, resolved offline; never stored */
      place: string | null;
      country: string | null;
      /** filled in by the host's service directory before channels see the event */
      results?: ServiceCard[];
    }
  | {
      type: 'handoff';
      action: 'request';
      topic: string | null;
      /** the summary lines the person chose to share: session variables by name */
      share: Record<string, Scalar>;
      /** warning signs noted in "Check a situation" that the person chose to share */
      signs: string[];
      /** an optional short message in their own words: goes to the caseworker, never into the session */
      message: string | null;
      /** true when the person gave the `handoff` consent: summary and transcript may be stored */
      stored: boolean;
      /** came from the emergency path: goes first in the queue */
      urgent: boolean;
    }
  | { type: 'handoff'; action: 'end' }
  /** a message from the person to the caseworker during a handoff; never saved in the session */
  | { type: 'relay'; text: string }
  | { type: 'erase' }
  | {
      type: 'consent';
      purpose: ConsentPurpose;
      /** true: given now; false: declined, or revoked if it had been given */
      granted: boolean;
      /** hash of the exact wording shown, in the user's language */
      version: string;
      lang: string;
    }
  | {
      type: 'access';
      /** filled in by the host: what is stored for this user, in their language */
      lines?: string[];
    };

/** What a user can consent to. Each purpose allows exactly the storage its name says. */
export const consentPurposes = ['save_progress', 'handoff', 'follow_up'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** One service as channels show it. Never carries a confidential address. */
export interface ServiceCard {
  id: string;
  name: string;
  category: string;
  /** km from the point searched, when a point was given */
  distanceKm: number | null;
  /** open now in the service's own time zone; null when hours are unknown */
  openNow: boolean | null;
  /** opening hours in words, in the user's language */
  hours: string | null;
  phones: string[];
  website: string | null;
  languages: string[];
  /** null for a confidential address (shelters): phone only */
  address: string | null;
  /** a `geo:` URI for the phone's own map app; null when the address is confidential */
  geo: string | null;
  verified: boolean;
  /** ISO date the entry was last checked, shown to the user */
  lastChecked: string | null;
  /** a national line offered when nothing is near */
  national: boolean;
}

export type OutputKind = 'text' | 'choice' | 'location' | 'event';

/** One thing the bot says or does; channels render each natively. */
export interface Output {
  kind: OutputKind;
  flow: string;
  node: string;
  /** rendered in `lang`; absent only on events */
  text?: string;
  /** for `choice` (and alternatives offered with a `location` request) */
  choices?: ChoiceOption[];
  event?: EngineEvent;
  /** set when an interrupt produced this output */
  interrupt?: InterruptName;
  /** a caseworker's message in a handoff: who wrote it (first name and role) */
  sender?: { name: string; role: string };
  lang: string;
  dir: 'ltr' | 'rtl';
}

/**
 * Anonymous facts about a turn, for programme teams: which flows start and finish, which nodes
 * are reached, quiz answers right or wrong, interrupts by language. No key, no text.
 */
export type Insight =
  | { type: 'flow_started'; flow: string }
  | { type: 'flow_finished'; flow: string }
  | { type: 'node_reached'; flow: string; node: string }
  | { type: 'answer'; flow: string; node: string; correct: boolean }
  | { type: 'interrupt'; name: InterruptName; lang: string };

export interface StepResult {
  state: SessionState;
  outputs: Output[];
  insights: Insight[];
}
