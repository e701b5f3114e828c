/**
 * A channel: one folder under `src/channels/` whose `index.ts` exports `channel`, a
 * `ChannelModule`. Channels are found by folder, so adding one (WhatsApp, SMS) is one new
 * folder and nothing else changed. A channel maps its updates to engine inputs and renders
 * outputs natively; it holds no conversation logic.
 */
import type { Express } from 'express';
import type { Conversations } from '../conversation/conversations';
import type { Delivery } from '../conversation/delivery';
import type { Logger } from '../server/logger';
import type { SettingsOf, SettingsSpec } from '../server/settings';

export interface ChannelContext {
  conversations: Conversations;
  /** HMAC secret for `pseudonym()`; never log or send it */
  secret: string;
  log: Logger;
  /** the core configuration (data folder, port...) */
  dataDir: string;
  /**
   * Where a channel registers how it writes to a person outside a turn they started (a
   * caseworker's message). The address it gives in a turn's origin is what it gets back.
   */
  delivery?: Delivery;
}

/** A running channel. */
export interface Channel {
  /** mount HTTP routes (web chat API, webhooks) before the server listens */
  mount?(app: Express): void;
  /** start background work (Telegram long polling) once the server listens */
  start?(): Promise<void>;
  /** stop background work and finish what is in flight */
  stop?(): Promise<void>;
}

export interface ChannelModule<S extends SettingsSpec = SettingsSpec> {
  name: string;
  /** this channel's environment variables */
  settings: S;
  /** build the channel, or return null when it is not configured (no token) */
  create(ctx: ChannelContext, settings: SettingsOf<S>): Channel | null;
}

export function defineChannel<S extends SettingsSpec>(m: ChannelModule<S>): ChannelModule<S> {
  return m;
}
