/** Shared test set-up: the shipped content, loaded and checked once per test file. */
import { Conversations } from '../../src/conversation/conversations';
import { createEngine, type Engine } from '../../src/engine/engine';
import type { Clock } from '../../src/engine/types';
import { loadContent, type Content } from '../../src/flows/content';
import { openDatabase } from '../../src/store/database';
import { SqliteSessions } from '../../src/store/sessions';

let content: Content | undefined;
let engine: Engine | undefined;

export function shippedContent(): Content {
  return (content ??= loadContent());
}

export function shippedEngine(): Engine {
  return (engine ??= createEngine(shippedContent()));
}

export const SHIPPED_LANGUAGES = ['en', 'fr', 'es', 'ar', 'uk', 'ru'] as const;

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(public ms = Date.UTC(2026, 10, 22, 12, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Conversations over the shipped engine and an in-memory SQLite database. */
export function memoryConversations(clock: Clock = new TestClock()): Conversations {
  return new Conversations({ engine: shippedEngine(), sessions: new SqliteSessions(openDatabase(':memory:')), clock });
}
