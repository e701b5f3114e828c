/**
 * Writing to a person outside a turn they started: a caseworker's message, "your helper has
 * joined", the end of a handoff. Each channel registers how it delivers to an address it gave
 * in a turn's origin; the handoff core only knows the channel's name and that address.
 */
import type { Output } from '../engine/types';

export type Deliverer = (address: string, outputs: Output[]) => Promise<void>;

export class Delivery {
  private readonly deliverers = new Map<string, Deliverer>();

  register(channel: string, deliverer: Deliverer): void {
    this.deliverers.set(channel, deliverer);
  }

  has(channel: string): boolean {
    return this.deliverers.has(channel);
  }

  /** Deliver, or throw if the channel cannot deliver (the caller records the failure). */
  async deliver(channel: string, address: string, outputs: Output[]): Promise<void> {
    const d = this.deliverers.get(channel);
    if (!d) throw new Error(`channel "${channel}" cannot deliver messages outside a turn`);
    if (outputs.length > 0) await d(address, outputs);
  }
}
