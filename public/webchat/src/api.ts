/**
 * The web chat API as the page uses it (docs/webchat-api.md). The token goes in the
 * Authorization header, never in a URL (URLs end up in proxy logs and browser history).
 */

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

/** The browser cannot stream a response body: use polling instead. */
class NoStreamingError extends Error {}

type StreamEnd = 'ended' | 'closed';

class ChatApi {
  token: string | null = null;

  constructor(private readonly base: string) {}

  start(langHint: string): Promise<WireStartReply> {
    return this.json('POST', '/session', langHint ? { langHint } : {});
  }

  send(body: { input: unknown; requestId: string; after?: number }): Promise<WireMessagesReply> {
    return this.json('POST', '/messages', body);
  }

  /** Messages after `after`; with `wait`, the server holds the request until one comes. */
  poll(after: number, waitSeconds: number, signal?: AbortSignal): Promise<WireMessagesReply> {
    return this.json('GET', `/messages?after=${after}&wait=${waitSeconds}`, undefined, signal);
  }

  ui(lang: string): Promise<WireUi> {
    return this.json('GET', `/ui/${encodeURIComponent(lang)}`);
  }

  /**
   * Read the event stream until it closes. `onOpen` runs once the server has accepted it.
   * Returns 'ended' when the server said the conversation is over.
   */
  async stream(after: number, onOpen: () => void, onMessage: (m: WireMessage) => void, signal: AbortSignal): Promise<StreamEnd> {
    const res = await fetch(`${this.base}/events?after=${after}`, {
      headers: this.headers({ Accept: 'text/event-stream' }),
      cache: 'no-store',
      credentials: 'omit',
      signal,
    });
    if (!res.ok) throw await errorOf(res);
    if (!res.body || typeof res.body.getReader !== 'function' || typeof TextDecoder === 'undefined') {
      throw new NoStreamingError();
    }
    onOpen();
    let end: StreamEnd = 'closed';
    const parser = new SseParser((e) => {
      if (e.event === 'end') end = 'ended';
      else if (e.event === 'message') onMessage(JSON.parse(e.data));
    });
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    return end;
  }

  /** Quick exit: tell the server to forget the conversation, even as the page goes away. */
  endConversation(): void {
    const token = this.token;
    this.token = null;
    if (!token) return;
    const url = `${this.base}/end`;
    // sendBeacon cannot set headers: the token is the (text/plain) body.
    if (navigator.sendBeacon && navigator.sendBeacon(url, token)) return;
    void fetch(url, { method: 'POST', body: token, keepalive: true, credentials: 'omit', headers: { 'Content-Type': 'text/plain' } }).catch(() => {});
  }

  private async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const init: RequestInit = { method, headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }), cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) init.body = JSON.stringify(body);
    if (signal) init.signal = signal;
    const res = await fetch(this.base + path, init);
    if (!res.ok) throw await errorOf(res);
    return res.json();
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.token ? { ...extra, Authorization: `Bearer ${this.token}` } : extra;
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body: Partial<WireError> = await res.json();
    return new ApiError(res.status, body.error?.code ?? 'unknown');
  } catch {
    return new ApiError(res.status, 'unknown');
  }
}
