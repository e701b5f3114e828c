/** Putting Haven's parts together: checked content, the engine, the database and sessions. */
import { createEngine, DEFAULT_CONSENT_AGE, type Engine } from '../engine/engine';
import type { Clock } from '../engine/types';
import { loadContent, type ContentPaths, defaultContentPaths } from '../flows/content';
import type { Diagnostic } from '../flows/diagnostics';
import { HandoffService } from '../handoff/handoff-service';
import { parseHours, type Hours } from '../handoff/hours';
import { ReferralSender, type ReferralSenderOptions } from '../handoff/referral';
import { Insights } from '../insights/insights';
import { PrivacyHost } from '../privacy/privacy-host';
import { DEFAULT_RETENTION, type Retention } from '../privacy/settings';
import { openDatabase, type Db } from '../store/database';
import { SqliteSessions } from '../store/sessions';
import { openDirectory } from '../directory/open';
import { Conversations, DEFAULT_SESSION_TTL_MS, systemClock } from './conversations';
import { Delivery } from './delivery';

/** How the warm handoff runs in this deployment. */
export interface HandoffConfig {
  hours: Hours;
  timeZone: string;
  /** after this long without an answer, the person is offered helplines */
  answerMs: number;
  /** how long a consented summary and transcript are kept after closing */
  retentionMs: number;
  referral?: ReferralSenderOptions;
}

export const DEFAULT_HANDOFF: HandoffConfig = {
  hours: parseHours('always'),
  timeZone: 'UTC',
  answerMs: 5 * 60_000,
  retentionMs: 30 * 24 * 60 * 60 * 1000,
};

export interface HavenOptions {
  /** folder for the SQLite database, or ':memory:' */
  dataDir: string;
  content?: ContentPaths;
  sessionTtlMs?: number;
  clock?: Clock;
  /** age of digital consent (default 16) */
  consentAge?: number;
  /** how long each kind of consented data is kept */
  retention?: Retention;
  /** load the demo service directory into an empty database (default: HAVEN_DEMO_DIRECTORY, true) */
  demoDirectory?: boolean;
  handoff?: HandoffConfig;
}

export interface Haven {
  engine: Engine;
  db: Db;
  conversations: Conversations;
  /** channels register here how to write to a person outside a turn (handoff messages) */
  delivery: Delivery;
  handoffs: HandoffService;
  insights: Insights;
  warnings: Diagnostic[];
  close(): void;
}

/** Throws FlowCheckError (with every diagnostic) if the content has errors. */
export function openHaven(o: HavenOptions): Haven {
  const content = loadContent(o.content ?? defaultContentPaths());
  const retention = o.retention ?? DEFAULT_RETENTION;
  const sessionTtlMs = o.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  const DAY = 24 * 60 * 60 * 1000;
  const handoff = o.handoff ?? DEFAULT_HANDOFF;
  const clock = o.clock ?? systemClock;
  let handoffs: HandoffService;
  const engine = createEngine({
    ...content,
    ...(o.consentAge ? { consentAge: o.consentAge } : {}),
    // so consent wordings state the configured periods, and a change of period changes their version
    constants: {
      session_minutes: Math.round(sessionTtlMs / 60_000),
      retain_progress_days: Math.round(retention.progressMs / DAY),
      retain_consent_days: Math.round(retention.consentMs / DAY),
      retain_follow_up_days: Math.round(retention.followUpMs / DAY),
      consent_age: o.consentAge ?? DEFAULT_CONSENT_AGE,
    },
    localConstants: (lang) => ({ handoff_hours: handoffs.hoursText(lang) }),
  });
  const db = openDatabase(o.dataDir);
  const privacy = new PrivacyHost(db, engine.texts, retention, sessionTtlMs);
  const { finder } = openDirectory(db, {
    texts: engine.texts,
    clock: o.clock ?? systemClock,
    ...(o.demoDirectory !== undefined ? { demo: o.demoDirectory } : {}),
  });
  const insights = new Insights(db, clock);
  const delivery = new Delivery();
  handoffs = new HandoffService({
    db,
    texts: engine.texts,
    delivery,
    clock,
    hours: handoff.hours,
    timeZone: handoff.timeZone,
    answerMs: handoff.answerMs,
    retentionMs: handoff.retentionMs,
    ...(handoff.referral ? { referrals: new ReferralSender(handoff.referral) } : {}),
    insights,
  });
  const conversations = new Conversations({
    engine,
    sessions: new SqliteSessions(db),
    privacy,
    handoffs,
    insights,
    services: finder,
    ...(o.clock ? { clock: o.clock } : {}),
    ttlMs: sessionTtlMs,
  });
  return {
    engine,
    db,
    conversations,
    delivery,
    handoffs,
    insights,
    warnings: content.warnings,
    close() {
      if (!db.open) return;
      handoffs.stop();
      insights.flush();
      conversations.flush();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
