/**
 * The console's live feed (server-sent events, read by the page with fetch so the CSRF token
 * travels in a header): a `queue` event when the queue changes, `status` when a handoff does,
 * the messages of the viewer's own handoffs as they are said, and for supervisors an
 * `activity` nudge for everyone else's. A comment line every so often keeps proxies from
 * cutting the connection, and re-checks the session: a signed-out or disabled account's
 * stream ends with `signed_out`. While a caseworker has a stream open they count as online.
 */
import type { Request, Response } from 'express';
import type { Accounts } from './accounts';
import type { ConsoleSessions } from './console-sessions';
import { deskMessage } from './desk-views';
import type { Viewer } from './guard';
import type { ConsoleHandoffs, HandoffChange } from './handoff-port';

export const HEARTBEAT_MS = 20_000;
export const RECONNECT_MS = 3_000;

export interface StreamDeps {
  handoffs: ConsoleHandoffs;
  sessions: ConsoleSessions;
  accounts: Accounts;
  presence: Presence;
  now(): number;
}

/** Caseworkers with at least one console open; the handoff core offers helplines when there is none. */
export class Presence {
  private readonly open = new Map<string, number>();
  private readonly streams = new Set<{ caseworkerId: string; tokenHash: string; close: (signedOut: boolean) => void }>();

  constructor(private readonly handoffs: ConsoleHandoffs) {}

  join(caseworkerId: string, tokenHash: string, close: (signedOut: boolean) => void): () => void {
    const n = (this.open.get(caseworkerId) ?? 0) + 1;
    this.open.set(caseworkerId, n);
    if (n === 1) this.handoffs.setOnline(caseworkerId, true);
    const stream = { caseworkerId, tokenHash, close };
    this.streams.add(stream);
    return () => {
      if (!this.streams.delete(stream)) return;
      const left = (this.open.get(caseworkerId) ?? 1) - 1;
      if (left > 0) return void this.open.set(caseworkerId, left);
      this.open.delete(caseworkerId);
      this.handoffs.setOnline(caseworkerId, false);
    };
  }

  online(): string[] {
    return [...this.open.keys()];
  }

  /** End the streams of one session (signed out) or of one account (disabled, password changed). */
  end(which: { tokenHash?: string; caseworkerId?: string }): void {
    for (const s of [...this.streams]) {
      if (s.tokenHash === which.tokenHash || s.caseworkerId === which.caseworkerId) s.close(true);
    }
  }

  /** End every stream (shutdown). */
  closeAll(): void {
    for (const s of [...this.streams]) s.close(false);
  }
}

export function openConsoleStream(req: Request, res: Response, viewer: Viewer, d: StreamDeps): void {
  res.status(200);
  res.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' });
  res.flushHeaders();
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);

  const me = viewer.account;
  let open = true;
  const send = (e: DeskEvent) => write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  const write = (chunk: string) => {
    if (open && !res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const onChange = (c: HandoffChange) => {
    if (c.type === 'queue') return send({ type: 'queue' });
    if (c.type === 'status') return send({ type: 'status', handoffId: c.handoffId });
    const h = d.handoffs.get(c.handoffId);
    if (h && h.caseworkerId === me.id) send({ type: 'message', handoffId: c.handoffId, message: deskMessage(c.message) });
    else if (me.role === 'supervisor') send({ type: 'activity', handoffId: c.handoffId });
  };
  const heartbeat = setInterval(() => {
    // The stream keeps the session alive while the console is open, and ends when it does not.
    const session = d.sessions.findByHash(viewer.session.tokenHash, d.now());
    const account = session ? d.accounts.get(me.id) : null;
    if (!session || !account || account.disabledAt !== null) {
      send({ type: 'signed_out' });
      return finish();
    }
    write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const unsubscribe = d.handoffs.subscribe(onChange);
  const leave = d.presence.join(me.id, viewer.session.tokenHash, (signedOut) => {
    if (signedOut) send({ type: 'signed_out' });
    finish();
  });
  function finish(): void {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
    leave();
    if (!res.writableEnded) res.end();
  }
  write(`retry: ${RECONNECT_MS}\n\n`);
  send({ type: 'queue' });
  res.on('close', finish);
  res.on('error', finish);
}
