/**
 * Server-sent events for one conversation: the kept messages after the page's cursor, then
 * each new message as it is said, `event: end` when the conversation ends, and a comment line
 * every so often so that proxies and phones keep the connection open.
 */
import type { Request, Response } from 'express';
import type { LiveConversation } from './live-conversations';
import type { WebMessage } from './web-message';

/** A comment this often keeps idle connections from being cut by proxies and mobile networks. */
export const HEARTBEAT_MS = 20_000;
/** How long a page waits before reconnecting after the stream drops (the SSE `retry` field). */
export const RECONNECT_MS = 3_000;

export function openEventStream(req: Request, res: Response, conversation: LiveConversation, after: number): void {
  res.status(200);
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform: a compressing proxy must not hold events back to fill a buffer
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  // Long-lived on purpose: no socket timeout for this response.
  req.socket.setTimeout(0);
  req.socket.setNoDelay(true);

  let open = true;
  const write = (chunk: string) => {
    if (open && !res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  let unsubscribe = () => {};
  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  };

  write(`retry: ${RECONNECT_MS}\n\n`);
  for (const m of conversation.after(after)) write(messageEvent(m));
  unsubscribe = conversation.subscribe({
    deliver: (messages) => {
      for (const m of messages) write(messageEvent(m));
    },
    end: (reason) => {
      write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
      finish();
    },
    close: finish,
  });
  res.on('close', finish);
  res.on('error', finish);
}

export function messageEvent(m: WebMessage): string {
  return `id: ${m.seq}\ndata: ${JSON.stringify(m)}\n\n`;
}
