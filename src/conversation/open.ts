/** Putting Haven's parts together: checked content, the engine, the database and sessions. */
import { createEngine, type Engine } from '../engine/engine';
import type { Clock } from '../engine/types';
import { loadContent, type ContentPaths, defaultContentPaths } from '../flows/content';
import type { Diagnostic } from '../flows/diagnostics';
import { openDatabase, type Db } from '../store/database';
import { SqliteSessions } from '../store/sessions';
import { Conversations } from './conversations';

export interface HavenOptions {
  /** folder for the SQLite database, or ':memory:' */
  dataDir: string;
  content?: ContentPaths;
  sessionTtlMs?: number;
  clock?: Clock;
}

export interface Haven {
  engine: Engine;
  db: Db;
  conversations: Conversations;
  warnings: Diagnostic[];
  close(): void;
}

/** Throws FlowCheckError (with every diagnostic) if the content has errors. */
export function openHaven(o: HavenOptions): Haven {
  const content = loadContent(o.content ?? defaultContentPaths());
  const engine = createEngine(content);
  const db = openDatabase(o.dataDir);
  const conversations = new Conversations({
    engine,
    sessions: new SqliteSessions(db),
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.sessionTtlMs ? { ttlMs: o.sessionTtlMs } : {}),
  });
  return {
    engine,
    db,
    conversations,
    warnings: content.warnings,
    close() {
      if (!db.open) return;
      conversations.flush();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
