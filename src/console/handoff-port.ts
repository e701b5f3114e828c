/**
 * What the console uses of the handoff core (`src/handoff/`): the queue as a viewer may see it,
 * one handoff, its messages, the caseworker's actions, presence and changes. The console never
 * reaches into the core's tables.
 */
import type { HandoffService } from '../handoff/handoff-service';

export type ConsoleHandoffs = Pick<HandoffService, 'list' | 'get' | 'messages' | 'accept' | 'send' | 'close' | 'setOnline' | 'subscribe'>;

export { HandoffError } from '../handoff/handoff-service';
export { outcomes } from '../handoff/types';
export type { Caseworker, HandoffChange, HandoffMessage, HandoffView, Outcome } from '../handoff/types';
