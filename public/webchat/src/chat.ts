/**
 * The conversation as the page runs it: start or resume with the token in sessionStorage,
 * send what the person chose or typed, and receive the bot's messages over a server-sent
 * event stream, falling back to (long) polling where streams do not get through. Messages are
 * numbered, so nothing is shown twice and a reconnect asks only for what was missed.
 */

/** Attempts at sending one message before telling the person it was not sent. */
const SEND_ATTEMPTS = 4;
/** Stream failures in a row after which the page polls instead. */
const STREAM_FAILURES_BEFORE_POLLING = 3;
/** A stream that stayed open this long was working, even if it brought nothing. */
const STREAM_WORKED_MS = 30_000;
/** If the stream has not brought a reply this long after the server said it is ready, fetch it. */
const CATCH_UP_MS = 4000;
/** Replies the stream failed to bring (a buffering proxy) before the page polls instead. */
const MISSES_BEFORE_POLLING = 2;
/** How long a long poll waits on the server. */
const POLL_WAIT_SECONDS = 25;

class Chat {
  private cursor = 0;
  /** the newest seq the server said exists */
  private expected = 0;
  private mode: 'stream' | 'poll' = 'stream';
  private connection: AbortController | null = null;
  private failures = 0;
  private misses = 0;
  private catchUp: number | undefined;
  /** the language of the newest message: the page's own words follow it */
  private wantedLang: string;
  private readonly uiCache = new Map<string, Promise<WireUi>>();

  constructor(
    private readonly api: ChatApi,
    private readonly view: ChatView,
  ) {
    this.wantedLang = view.ui.lang;
    this.uiCache.set(view.ui.lang, Promise.resolve(view.ui));
  }

  /** Carry on the conversation of this tab, or start one. */
  async boot(): Promise<void> {
    const token = savedToken();
    if (token) {
      this.api.token = token;
      try {
        const reply = await this.api.poll(0, 0);
        this.receive(reply.messages ?? []);
        this.connect();
        return;
      } catch (e) {
        if (!isGone(e)) return this.retryLater(() => this.boot());
        this.forgetToken();
      }
    }
    try {
      await this.startNew(false);
      this.connect();
    } catch {
      this.retryLater(() => this.boot());
    }
  }

  /**
   * Send one input; `echo` is what the person's bubble shows. Resolves false when it was not
   * sent (the caller puts typed text back): no connection, or the conversation had ended and
   * a new one has just started (its first question should be answered first).
   */
  async send(input: unknown, echo: string): Promise<boolean> {
    if (!this.api.token) return this.restart();
    this.view.clearActions();
    this.view.addYou(echo);
    const requestId = randomId();
    for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
      try {
        const body: { input: unknown; requestId: string; after?: number } = { input, requestId };
        if (this.mode === 'poll') body.after = this.cursor;
        const reply = await this.api.send(body);
        this.view.setStatus(null);
        if (reply.erased) {
          this.erased(reply.messages ?? [], reply.last, reply.ended);
          return true;
        }
        this.expected = Math.max(this.expected, reply.last);
        this.receive(reply.messages ?? []);
        this.awaitStream();
        return true;
      } catch (e) {
        if (isGone(e)) return this.restart();
        if (e instanceof ApiError && e.status < 500) {
          this.view.setStatus(this.view.t(e.code === 'text_too_long' ? 'too_long' : 'send_failed'));
          return false;
        }
        this.view.setStatus(this.view.t('reconnecting'));
        await sleep(1000 * 2 ** attempt);
      }
    }
    this.view.setStatus(this.view.t('send_failed'));
    return false;
  }

  /** The conversation ended or expired: clear the screen and start a new one. */
  private async restart(): Promise<boolean> {
    this.forgetToken();
    this.view.clearLog();
    try {
      await this.startNew(true);
      this.connect();
    } catch {
      this.view.setStatus(this.view.t('send_failed'));
    }
    return false;
  }

  /** Quick exit: the server forgets the conversation. */
  end(): void {
    this.connection?.abort();
    this.connection = null;
    this.api.endConversation();
  }

  private async startNew(notice: boolean): Promise<void> {
    const reply = await this.api.start(langHint());
    this.api.token = reply.token;
    saveToken(reply.token);
    this.cursor = 0;
    this.expected = reply.last;
    if (notice) this.view.addNotice(this.view.t('restarted'));
    this.receive(reply.messages);
  }

  private receive(messages: WireMessage[]): void {
    for (const m of messages) {
      if (m.seq <= this.cursor) continue; // already shown (it came both ways)
      this.cursor = m.seq;
      this.view.addBot(m, {
        choose: (choice) => void this.send({ type: 'choice', id: choice.id }, choice.label),
        locate: () => this.locate(),
      });
      this.wantedLang = m.lang;
      if (m.lang !== this.view.ui.lang) this.followLanguage(m.lang);
    }
    this.expected = Math.max(this.expected, this.cursor);
    if (this.cursor >= this.expected && this.catchUp !== undefined) {
      window.clearTimeout(this.catchUp);
      this.catchUp = undefined;
    }
  }

  /** The conversation changed language: the page's own words follow. */
  private followLanguage(lang: string): void {
    let ui = this.uiCache.get(lang);
    if (!ui) {
      ui = this.api.ui(lang);
      this.uiCache.set(lang, ui);
      ui.catch(() => this.uiCache.delete(lang));
    }
    // Only if no later message has changed the language again meanwhile.
    ui.then((u) => {
      if (u.lang === this.wantedLang) this.view.applyUi(u);
    }).catch(() => {});
  }

  private locate(): void {
    this.view.setStatus(this.view.t('locating'));
    shareLocation(
      (point) => {
        this.view.setStatus(null);
        void this.send({ type: 'location', point }, this.view.t('location_sent'));
      },
      () => this.view.setStatus(this.view.t('location_failed')),
    );
  }

  /**
   * DELETE: the server erased the person's data. The screen keeps only what was said after;
   * when the conversation ended with it, the token goes too.
   */
  private erased(messages: WireMessage[], last: number, ended: boolean): void {
    if (ended) {
      this.connection?.abort();
      this.connection = null;
      this.forgetToken();
    }
    this.view.clearLog();
    this.cursor = Math.min(this.cursor, (messages[0]?.seq ?? last + 1) - 1);
    this.receive(messages);
    this.cursor = Math.max(this.cursor, last);
    this.expected = this.cursor;
  }

  private forgetToken(): void {
    this.api.token = null;
    saveToken(null);
  }

  // ---- receiving: a stream, or polling --------------------------------------------------

  private connect(): void {
    this.connection?.abort();
    const ctl = new AbortController();
    this.connection = ctl;
    void (this.mode === 'stream' ? this.runStream(ctl) : this.runPoll(ctl));
  }

  private async runStream(ctl: AbortController): Promise<void> {
    while (this.connection === ctl && this.api.token) {
      let openedAt = 0;
      try {
        const end = await this.api.stream(
          this.cursor,
          () => {
            openedAt = Date.now();
            this.view.setStatus(null);
          },
          (m) => {
            this.failures = 0; // only a stream that brings messages counts as working
            this.receive([m]);
          },
          ctl.signal,
        );
        if (end === 'ended') return this.serverEnded(ctl);
        // Closed by the network or a restart. A stream that lasted a while was working (mobile
        // networks cut idle connections); one that closes at once is a proxy that holds it back.
        if (openedAt && Date.now() - openedAt > STREAM_WORKED_MS) this.failures = 0;
        this.failures++;
      } catch (e) {
        if (ctl.signal.aborted) return;
        if (isGone(e)) return this.serverEnded(ctl);
        if (e instanceof NoStreamingError) return this.switchToPolling();
        this.failures++;
        this.view.setStatus(this.view.t('reconnecting'));
      }
      if (this.failures >= STREAM_FAILURES_BEFORE_POLLING) return this.switchToPolling();
      if (ctl.signal.aborted) return;
      await sleep(backoff(this.failures));
    }
  }

  private async runPoll(ctl: AbortController): Promise<void> {
    while (this.connection === ctl && this.api.token) {
      try {
        const reply = await this.api.poll(this.cursor, POLL_WAIT_SECONDS, ctl.signal);
        if (this.failures > 0) this.view.setStatus(null);
        this.failures = 0;
        this.receive(reply.messages ?? []);
      } catch (e) {
        if (ctl.signal.aborted) return;
        if (isGone(e)) return this.serverEnded(ctl);
        this.failures++;
        this.view.setStatus(this.view.t('reconnecting'));
        await sleep(backoff(this.failures));
      }
    }
  }

  private switchToPolling(): void {
    this.mode = 'poll';
    this.failures = 0;
    this.connect();
  }

  /** After a send: if the stream does not bring the reply soon, fetch it (and maybe stop streaming). */
  private awaitStream(): void {
    if (this.mode !== 'stream' || this.cursor >= this.expected || this.catchUp !== undefined) return;
    this.catchUp = window.setTimeout(() => {
      this.catchUp = undefined;
      if (this.cursor >= this.expected || !this.api.token) return;
      this.api
        .poll(this.cursor, 0)
        .then((reply) => {
          this.receive(reply.messages ?? []);
          if (++this.misses >= MISSES_BEFORE_POLLING && this.mode === 'stream') this.switchToPolling();
        })
        .catch(() => {});
    }, CATCH_UP_MS);
  }

  /** The server closed the conversation (expired, or ended elsewhere): the next send starts anew. */
  private serverEnded(ctl: AbortController): void {
    if (this.connection === ctl) this.connection = null;
    this.forgetToken();
  }

  private retryLater(again: () => Promise<void>): void {
    this.view.setStatus(this.view.t('reconnecting'));
    this.failures++;
    void sleep(backoff(this.failures)).then(again);
  }
}

function isGone(e: unknown): boolean {
  return e instanceof ApiError && e.status === 401;
}

function backoff(failures: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.min(failures, 5));
}

/** The browser's languages, best first: the conversation starts in the best one Haven speaks. */
function langHint(): string {
  const list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  return list.filter(Boolean).join(',');
}
