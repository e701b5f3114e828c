/**
 * One handoff, opened: what the person agreed to share, the accept button, the conversation
 * (an ARIA live log, so new messages are announced), the reply box with quick replies in the
 * person's language, and the close form with the outcome.
 */

interface HandoffActions {
  accept(): void;
  send(text: string): Promise<boolean>;
  close(outcome: DeskOutcome, referredTo: string | null): Promise<string | null>;
}

/** Summary fields in the order a caseworker reads them; any other field follows. */
const FIELD_ORDER = ['audience', 'age', 'country', 'city', 'check_result', 'topic'];

class HandoffView {
  private readonly empty = byId('handoff-empty', HTMLParagraphElement);
  private readonly body = byId('handoff-body', HTMLDivElement);
  private readonly heading = byId('handoff-heading', HTMLHeadingElement);
  private readonly state = byId('handoff-state', HTMLParagraphElement);
  private readonly summary = byId('summary', HTMLDListElement);
  private readonly acceptButton = byId('accept', HTMLButtonElement);
  private readonly chat = byId('chat', HTMLDivElement);
  private readonly transcript = byId('transcript', HTMLDivElement);
  private readonly composer = byId('composer', HTMLFormElement);
  private readonly reply = byId('reply', HTMLTextAreaElement);
  private readonly quick = byId('quick-replies', HTMLDivElement);
  private readonly quickList = byId('quick-list', HTMLDivElement);
  private readonly closeForm = byId('close-form', HTMLFormElement);
  private readonly referredTo = byId('referred-to', HTMLInputElement);
  private readonly referredToLabel = byId('referred-to-label', HTMLLabelElement);
  private readonly closeError = byId('close-error', HTMLParagraphElement);
  private shown = new Set<number>();
  current: DeskHandoff | null = null;

  constructor(
    private readonly w: Words,
    private readonly me: DeskMe,
    maxChars: number,
    actions: HandoffActions,
  ) {
    this.reply.maxLength = maxChars;
    this.acceptButton.addEventListener('click', () => actions.accept());
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = this.reply.value.trim();
      if (!text) return;
      this.reply.value = '';
      void actions.send(text).then((sent) => {
        if (!sent && this.reply.value === '') this.reply.value = text;
      });
    });
    // Enter sends, Shift+Enter makes a new line (as in most chat tools).
    this.reply.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.closeForm.addEventListener('change', () => this.showReferral());
    this.closeForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const outcome = this.outcome();
      const to = this.referredTo.value.trim();
      if (outcome === 'referred' && !to) {
        say(this.closeError, w.t('referred_to_missing'));
        this.referredTo.focus();
        return;
      }
      say(this.closeError, '');
      void actions.close(outcome, outcome === 'referred' ? to : null).then((problem) => {
        if (problem) say(this.closeError, problem);
      });
    });
  }

  clear(): void {
    this.current = null;
    this.body.hidden = true;
    this.empty.hidden = false;
  }

  /** Show a handoff; `fresh` when it was just picked (focus moves to its heading). */
  show(h: DeskHandoff, fresh: boolean): void {
    const w = this.w;
    const changed = this.current?.id !== h.id;
    this.current = h;
    this.empty.hidden = true;
    this.body.hidden = false;
    this.heading.textContent = w.t('handoff_heading', { language: w.language(h.lang), channel: w.maybe(`channel_${h.channel}`) ?? h.channel });
    this.state.textContent = this.stateText(h);
    this.state.className = `state ${h.status}${h.urgent ? ' urgent' : ''}`;
    this.renderSummary(h);
    const mine = h.caseworker?.id === this.me.id;
    const canWrite = h.status === 'active' && (mine || this.me.role === 'supervisor');
    this.acceptButton.hidden = h.status !== 'waiting';
    this.chat.hidden = h.status === 'waiting';
    this.composer.hidden = !canWrite;
    this.quick.hidden = !canWrite;
    this.closeForm.hidden = !(h.status !== 'closed' && (mine || this.me.role === 'supervisor'));
    if (changed) {
      this.transcript.textContent = '';
      this.shown = new Set();
      this.closeForm.reset();
      say(this.closeError, '');
      this.showReferral();
    }
    if (fresh) this.heading.focus();
  }

  /** Add messages not yet shown (the live feed and a fetch may both bring one). */
  addMessages(messages: DeskMessage[]): void {
    const h = this.current;
    if (!h) return;
    for (const m of messages) {
      if (this.shown.has(m.id)) continue;
      this.shown.add(m.id);
      const box = el('div', `msg ${m.from}`);
      const who = m.from === 'person' ? this.w.t('from_person') : m.from === 'caseworker' ? this.w.t('from_caseworker') : this.w.t('from_system');
      box.append(el('span', 'meta', `${who} · ${this.w.time(m.at)}`));
      const text = el('p', 'text', m.from === 'system' ? this.systemText(m.text) : m.text);
      if (m.from === 'person') text.lang = h.lang;
      text.dir = 'auto';
      box.append(text);
      this.transcript.append(box);
    }
    this.transcript.scrollTop = this.transcript.scrollHeight;
  }

  /** The last message id shown, to fetch only newer ones (kept-in-memory handoffs count down from -1). */
  lastId(): number | null {
    let last: number | null = null;
    for (const id of this.shown) if (last === null || Math.abs(id) > Math.abs(last)) last = id;
    return last;
  }

  showQuickReplies(replies: DeskQuickReply[]): void {
    this.quickList.textContent = '';
    if (replies.length === 0) this.quickList.append(el('p', 'hint', this.w.t('quick_replies_none')));
    for (const r of replies) {
      const b = button(r.title, () => {
        this.reply.value = this.reply.value ? `${this.reply.value}\n${r.body}` : r.body;
        this.reply.focus();
      }, 'chip');
      b.lang = r.lang;
      b.title = r.body;
      this.quickList.append(b);
    }
  }

  focusReply(): void {
    if (!this.composer.hidden) this.reply.focus();
  }

  private stateText(h: DeskHandoff): string {
    const w = this.w;
    const urgent = h.urgent ? `${w.t('urgent')} · ` : '';
    if (h.status === 'waiting') return urgent + w.t('state_waiting', { duration: w.duration(h.waitingMs) });
    if (h.status === 'active') return urgent + (h.caseworker?.id === this.me.id ? w.t('state_yours') : w.t('state_with', { name: h.caseworker?.firstName ?? '?' }));
    const outcome = h.outcome ? w.t(`outcome_${h.outcome}`) : '';
    return w.t('state_closed', { outcome: h.referredTo ? `${outcome}: ${h.referredTo}` : outcome });
  }

  private renderSummary(h: DeskHandoff): void {
    const w = this.w;
    const rows: [string, string, string?][] = [];
    const fields = Object.keys(h.summary.fields).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    for (const f of fields) {
      const value = h.summary.fields[f] ?? '';
      const label = w.maybe(`field_${f}`) ?? f;
      const shown = f === 'country' ? w.country(value) : (w.maybe(`value_${f}_${value}`) ?? value);
      rows.push([label, shown, f === 'city' ? h.lang : undefined]);
    }
    if (h.summary.topic && !('topic' in h.summary.fields)) rows.push([w.t('field_topic'), w.maybe(`topic_${h.summary.topic}`) ?? h.summary.topic]);
    this.summary.textContent = '';
    if (rows.length === 0 && h.summary.signs.length === 0 && !h.summary.message) {
      this.summary.append(el('dt', undefined, w.t('summary_nothing')), el('dd', undefined, '—'));
    }
    for (const [label, value, lang] of rows) {
      const dd = el('dd', undefined, value);
      if (lang) dd.lang = lang;
      this.summary.append(el('dt', undefined, label), dd);
    }
    if (h.summary.signs.length) {
      const list = el('ul', 'signs');
      for (const s of h.summary.signs) list.append(el('li', undefined, w.maybe(`sign_${s.replace(/^sign_/, '')}`) ?? s.replace(/^sign_/, '').replace(/_/g, ' ')));
      const dd = el('dd');
      dd.append(list);
      this.summary.append(el('dt', undefined, w.t('field_signs')), dd);
    }
    if (h.summary.message) {
      const dd = el('dd', 'own-words', h.summary.message);
      dd.lang = h.lang;
      dd.dir = 'auto';
      this.summary.append(el('dt', undefined, w.t('field_message')), dd);
    }
  }

  private systemText(code: string): string {
    const name = code.replace(/^system:/, '');
    return this.w.maybe(`sys_${name}`) ?? name.replace(/_/g, ' ');
  }

  private outcome(): DeskOutcome {
    const checked = this.closeForm.querySelector<HTMLInputElement>('input[name="outcome"]:checked');
    const v = checked?.value;
    return v === 'referred' || v === 'emergency_services' || v === 'no_response' ? v : 'advice_given';
  }

  private showReferral(): void {
    const referred = this.outcome() === 'referred';
    this.referredTo.hidden = !referred;
    this.referredToLabel.hidden = !referred;
    this.referredTo.required = referred;
  }
}

function rank(field: string): number {
  const i = FIELD_ORDER.indexOf(field);
  return i < 0 ? FIELD_ORDER.length : i;
}
