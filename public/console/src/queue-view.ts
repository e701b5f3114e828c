/**
 * The queue: one button per handoff, emergencies first (the server's order), each saying
 * whether it is urgent, the person's language, the channel, how long they have waited and who
 * has it. Waiting times tick on the page between updates.
 */

class QueueView {
  private readonly list = byId('queue-list', HTMLUListElement);
  private readonly count = byId('queue-count', HTMLParagraphElement);
  private items: DeskQueueItem[] = [];
  private fetchedAt = 0;
  selected: string | null = null;

  constructor(
    private readonly w: Words,
    private readonly onPick: (id: string) => void,
  ) {
    setInterval(() => this.render(), 30_000);
  }

  show(items: DeskQueueItem[]): void {
    this.items = items;
    this.fetchedAt = Date.now();
    this.render();
  }

  item(id: string): DeskQueueItem | null {
    return this.items.find((h) => h.id === id) ?? null;
  }

  waiting(): DeskQueueItem[] {
    return this.items.filter((h) => h.status === 'waiting');
  }

  private render(): void {
    const w = this.w;
    const waiting = this.waiting().length;
    const text = waiting === 0 ? w.t('queue_none_waiting') : w.t('queue_waiting', { count: waiting });
    if (this.count.textContent !== text) this.count.textContent = text;
    const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset['handoff'] : undefined;
    this.list.textContent = '';
    if (this.items.length === 0) this.list.append(el('li', 'empty', w.t('queue_empty')));
    for (const h of this.items) {
      const item = el('li');
      const b = el('button', `queue-item ${h.status}${h.urgent ? ' urgent' : ''}`);
      b.type = 'button';
      b.dataset['handoff'] = h.id;
      if (h.id === this.selected) b.setAttribute('aria-current', 'true');
      const top = el('span', 'line');
      if (h.urgent) top.append(el('strong', 'badge', w.t('urgent')));
      top.append(el('span', 'lang-name', w.language(h.lang)));
      top.append(el('span', 'channel', w.maybe(`channel_${h.channel}`) ?? h.channel));
      b.append(top, el('span', 'line small', this.stateLine(h)));
      b.addEventListener('click', () => this.onPick(h.id));
      item.append(b);
      this.list.append(item);
      if (focused === h.id) b.focus();
    }
  }

  private stateLine(h: DeskQueueItem): string {
    const w = this.w;
    const waited = h.status === 'waiting' ? h.waitingMs + (Date.now() - this.fetchedAt) : h.waitingMs;
    if (h.status === 'waiting') return w.t('state_waiting', { duration: w.duration(waited) });
    if (h.status === 'active') return h.mine ? w.t('state_yours') : w.t('state_with', { name: h.caseworker?.firstName ?? '?' });
    return w.t('state_closed', { outcome: h.outcome ? w.t(`outcome_${h.outcome}`) : '' });
  }
}
