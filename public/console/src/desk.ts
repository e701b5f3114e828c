/**
 * The caseworker's desk: the live feed, the queue and the open handoff. The feed says what
 * changed; the desk fetches what it needs (each fetch of a handoff or its messages is an access
 * in the audit log). When the feed drops, it reconnects and catches up.
 */

class Desk {
  private readonly queue: QueueView;
  private readonly handoff: HandoffView;
  private readonly alerts: Alerts;
  private known: Set<string> | null = null;
  private feed: AbortController | null = null;
  private replies = new Map<string, DeskQuickReply[]>();
  private stopped = false;
  /** the handoff being accepted by this console: its own accept() loads the chat */
  private accepting: string | null = null;

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    me: DeskMe,
    config: DeskPageConfig,
    private readonly status: (text: string) => void,
    private readonly signedOut: () => void,
  ) {
    this.alerts = new Alerts(w.t('title'));
    this.queue = new QueueView(w, (id) => void this.open(id, true));
    this.handoff = new HandoffView(w, me, config.maxMessageChars, {
      accept: () => void this.accept(),
      send: (text) => this.send(text),
      close: (outcome, referredTo) => this.close(outcome, referredTo),
    });
  }

  start(): void {
    void this.listen();
  }

  stop(): void {
    this.stopped = true;
    this.feed?.abort();
  }

  /** The queue changed: show it, and chime for anyone new who is waiting. */
  async refreshQueue(): Promise<void> {
    const { handoffs } = await this.call(() => this.api.queue());
    const waiting = handoffs.filter((h) => h.status === 'waiting');
    if (this.known) {
      const fresh = waiting.filter((h) => !this.known!.has(h.id));
      if (fresh.length) {
        this.alerts.chime(fresh.some((h) => h.urgent));
        this.status(fresh.some((h) => h.urgent) ? this.w.t('new_request_urgent') : this.w.t('new_request'));
      }
    }
    this.known = new Set(waiting.map((h) => h.id));
    this.alerts.setWaiting(waiting.length);
    this.queue.show(handoffs);
  }

  private async open(id: string, fresh: boolean): Promise<void> {
    this.queue.selected = id;
    const before = this.handoff.current;
    try {
      const { handoff } = await this.api.handoff(id);
      this.handoff.show(handoff, fresh);
      // Messages are read when there is a chat to show, and not again for one already shown and over.
      const shown = before?.id === id && this.handoff.lastId() !== null;
      if (handoff.status === 'active' || (handoff.status === 'closed' && !shown)) await this.catchUp();
      if (handoff.status === 'active') await this.loadReplies(handoff.lang);
    } catch (e) {
      if (e instanceof DeskApiError && e.status === 404) {
        this.handoff.clear();
        this.queue.selected = null;
        // A waiting request someone else accepted leaves a caseworker's view.
        this.status(this.w.t(before?.id === id && before.status === 'waiting' ? 'accept_taken' : 'handoff_gone'));
      } else this.failed(e);
    }
    await this.refreshQueue().catch(() => {});
  }

  /**
   * The open handoff changed (accepted, closed, erased): its new state comes from the queue,
   * which carries no content, so nothing is read again; only a handoff that has left the queue
   * is fetched, to show how it ended (or that it is gone).
   */
  private async statusChanged(id: string): Promise<void> {
    await this.refreshQueue();
    const current = this.handoff.current;
    if (!current || current.id !== id) return;
    const item = this.queue.item(id);
    if (!item) {
      if (current.status !== 'closed') await this.open(id, false);
      return;
    }
    const wasWaiting = current.status === 'waiting';
    this.handoff.show({ ...current, ...item }, false);
    if (wasWaiting && item.status === 'active' && item.mine && this.accepting !== id) {
      await this.catchUp();
      await this.loadReplies(item.lang);
    }
  }

  private async catchUp(): Promise<void> {
    const h = this.handoff.current;
    if (!h) return;
    const { messages } = await this.api.messages(h.id, this.handoff.lastId());
    this.handoff.addMessages(messages);
  }

  private async loadReplies(lang: string): Promise<void> {
    let list = this.replies.get(lang);
    if (!list) {
      list = (await this.api.quickReplies(lang)).quickReplies;
      this.replies.set(lang, list);
    }
    this.handoff.showQuickReplies(list);
  }

  private async accept(): Promise<void> {
    const h = this.handoff.current;
    if (!h) return;
    this.accepting = h.id;
    try {
      const { handoff } = await this.api.accept(h.id);
      this.handoff.show(handoff, false);
      await this.catchUp();
      await this.loadReplies(handoff.lang);
      this.handoff.focusReply();
      this.status(this.w.t('accepted'));
    } catch (e) {
      if (e instanceof DeskApiError && e.status === 409) this.status(this.w.t('accept_taken'));
      else this.failed(e);
      await this.open(h.id, false);
    } finally {
      this.accepting = null;
    }
  }

  private async send(text: string): Promise<boolean> {
    const h = this.handoff.current;
    if (!h) return false;
    try {
      const { message } = await this.api.send(h.id, text);
      this.handoff.addMessages([message]);
      return true;
    } catch (e) {
      this.failed(e, 'send_failed');
      return false;
    }
  }

  private async close(outcome: DeskOutcome, referredTo: string | null): Promise<string | null> {
    const h = this.handoff.current;
    if (!h) return null;
    try {
      await this.api.close(h.id, outcome, referredTo);
      this.status(this.w.t('closed_done'));
      // The live feed's status event shows how it ended.
      return null;
    } catch (e) {
      if (e instanceof DeskApiError && e.status === 404) {
        await this.open(h.id, false);
        return null;
      }
      return this.problem(e);
    }
  }

  private async onEvent(e: DeskEvent): Promise<void> {
    const current = this.handoff.current;
    switch (e.type) {
      case 'queue':
        return this.refreshQueue();
      case 'status':
        if (current && current.id === e.handoffId) await this.statusChanged(e.handoffId);
        else await this.refreshQueue();
        return;
      case 'message':
        if (current && current.id === e.handoffId) this.handoff.addMessages([e.message]);
        return;
      case 'activity':
        if (current && current.id === e.handoffId) await this.catchUp();
        return;
      case 'signed_out':
        this.stop();
        this.signedOut();
        return;
    }
  }

  /** Keep the feed open: reconnect after a drop, catching up on what changed meanwhile. */
  private async listen(): Promise<void> {
    let delay = 1000;
    while (!this.stopped) {
      this.feed = new AbortController();
      try {
        await this.api.stream(
          () => {
            delay = 1000;
            this.status('');
            if (this.handoff.current) void this.open(this.handoff.current.id, false);
          },
          (e) => void this.onEvent(e).catch((err) => this.failed(err)),
          this.feed.signal,
        );
      } catch (e) {
        if (this.stopped) return;
        if (e instanceof DeskApiError && (e.status === 401 || e.status === 403)) {
          this.stop();
          this.signedOut();
          return;
        }
        this.status(this.w.t('reconnecting'));
      }
      if (this.stopped) return;
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }

  private async call<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      this.failed(e);
      throw e;
    }
  }

  private failed(e: unknown, key = 'error_generic'): void {
    if (e instanceof DeskApiError && e.status === 401) {
      this.stop();
      this.signedOut();
      return;
    }
    this.status(this.problem(e, key));
  }

  private problem(e: unknown, key = 'error_generic'): string {
    if (e instanceof DeskApiError && e.status === 0) return this.w.t('error_network');
    if (e instanceof TypeError) return this.w.t('error_network');
    return this.w.t(key);
  }
}
