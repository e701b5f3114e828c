/**
 * The console API as the page uses it (docs/console.md). The session cookie goes by itself
 * (same origin only); every request also carries the session's CSRF token in a header. The
 * live feed is read with fetch, not EventSource, so that it can carry that header too.
 */

class DeskApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfterSeconds: number | null,
  ) {
    super(`${status} ${code}`);
  }
}

class DeskApi {
  csrf: string | null = null;

  constructor(private readonly base: string) {}

  signIn(username: string, password: string): Promise<{ me: DeskMe; csrf: string }> {
    return this.json('POST', '/sign-in', { username, password });
  }

  signOut(): Promise<void> {
    return this.action('POST', '/sign-out');
  }

  changePassword(current: string, next: string): Promise<void> {
    return this.action('POST', '/password', { current, next });
  }

  queue(): Promise<{ handoffs: DeskQueueItem[] }> {
    return this.json('GET', '/handoffs');
  }

  handoff(id: string): Promise<{ handoff: DeskHandoff }> {
    return this.json('GET', `/handoffs/${encodeURIComponent(id)}`);
  }

  messages(id: string, after: number | null): Promise<{ messages: DeskMessage[] }> {
    return this.json('GET', `/handoffs/${encodeURIComponent(id)}/messages${after === null ? '' : `?after=${after}`}`);
  }

  accept(id: string): Promise<{ handoff: DeskHandoff }> {
    return this.json('POST', `/handoffs/${encodeURIComponent(id)}/accept`);
  }

  send(id: string, text: string): Promise<{ message: DeskMessage }> {
    return this.json('POST', `/handoffs/${encodeURIComponent(id)}/messages`, { text });
  }

  close(id: string, outcome: DeskOutcome, referredTo: string | null): Promise<void> {
    return this.action('POST', `/handoffs/${encodeURIComponent(id)}/close`, referredTo ? { outcome, referredTo } : { outcome });
  }

  quickReplies(lang?: string): Promise<{ quickReplies: DeskQuickReply[] }> {
    return this.json('GET', `/quick-replies${lang ? `?lang=${encodeURIComponent(lang)}` : ''}`);
  }

  saveQuickReply(id: number | null, r: { lang: string; title: string; body: string; position?: number }): Promise<{ quickReply: DeskQuickReply }> {
    return id === null ? this.json('POST', '/quick-replies', r) : this.json('PUT', `/quick-replies/${id}`, r);
  }

  deleteQuickReply(id: number): Promise<void> {
    return this.action('DELETE', `/quick-replies/${id}`);
  }

  accounts(): Promise<{ accounts: DeskAccount[] }> {
    return this.json('GET', '/accounts');
  }

  createAccount(a: { username: string; firstName: string; role: string; roleTitle: string }): Promise<{ account: DeskAccount; password: string }> {
    return this.json('POST', '/accounts', a);
  }

  accountAction(id: string, action: 'disable' | 'enable' | 'reset-password'): Promise<{ account: DeskAccount; password?: string }> {
    return this.json('POST', `/accounts/${encodeURIComponent(id)}/${action}`);
  }

  audit(q: { before?: number; handoff?: string }): Promise<{ entries: DeskAuditEntry[]; next: number | null }> {
    const params: string[] = [];
    if (q.before !== undefined) params.push(`before=${q.before}`);
    if (q.handoff) params.push(`handoff=${encodeURIComponent(q.handoff)}`);
    return this.json('GET', `/audit${params.length ? '?' + params.join('&') : ''}`);
  }

  insights(q: { from?: string; to?: string; lang: string }): Promise<{ insights: DeskInsights }> {
    return this.json('GET', `/insights?${periodQuery(q)}&lang=${encodeURIComponent(q.lang)}`);
  }

  /** The counters per day as CSV, fetched (the CSRF header cannot go with a plain link) to be saved. */
  async insightsCsv(q: { from?: string; to?: string }): Promise<{ blob: Blob; filename: string }> {
    const res = await this.request('GET', `/insights.csv?${periodQuery(q)}`);
    const named = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
    return { blob: await res.blob(), filename: named?.[1] ?? 'haven-insights.csv' };
  }

  /** Read the live feed until it closes; `onOpen` runs once the server accepted it. */
  async stream(onOpen: () => void, onEvent: (e: DeskEvent) => void, signal: AbortSignal): Promise<void> {
    const res = await fetch(`${this.base}/events`, { headers: this.headers({ Accept: 'text/event-stream' }), cache: 'no-store', credentials: 'same-origin', signal });
    if (!res.ok) throw await errorOf(res);
    if (!res.body) throw new DeskApiError(0, 'no_stream', null);
    onOpen();
    const parser = new SseParser((e) => onEvent(JSON.parse(e.data)));
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      parser.push(decoder.decode(value, { stream: true }));
    }
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    return (await this.request(method, path, body)).json();
  }

  /** A request answered with 204 No Content. */
  private async action(method: string, path: string, body?: unknown): Promise<void> {
    await this.request(method, path, body);
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const init: RequestInit = {
      method,
      headers: this.headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      cache: 'no-store',
      credentials: 'same-origin',
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(this.base + path, init);
    if (!res.ok) throw await errorOf(res);
    return res;
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    return this.csrf ? { ...extra, 'X-CSRF-Token': this.csrf } : extra;
  }
}

function periodQuery(q: { from?: string; to?: string }): string {
  return [q.from ? `from=${encodeURIComponent(q.from)}` : '', q.to ? `to=${encodeURIComponent(q.to)}` : ''].filter(Boolean).join('&');
}

async function errorOf(res: Response): Promise<DeskApiError> {
  const retry = Number(res.headers.get('retry-after'));
  try {
    const body: Partial<DeskError> = await res.json();
    return new DeskApiError(res.status, body.error?.code ?? 'unknown', retry || null);
  } catch {
    return new DeskApiError(res.status, 'unknown', retry || null);
  }
}
