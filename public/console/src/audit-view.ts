/** The audit log, for supervisors: newest first, a page at a time, optionally for one handoff. */

class AuditView {
  private readonly list = byId('audit-list', HTMLTableSectionElement);
  private readonly more = byId('audit-more', HTMLButtonElement);
  private readonly filter = byId('audit-filter', HTMLFormElement);
  private readonly handoff = byId('audit-handoff', HTMLInputElement);
  private next: number | null = null;

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
  ) {
    this.more.addEventListener('click', () => void this.page(false));
    this.filter.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.load();
    });
  }

  load(): Promise<void> {
    return this.page(true);
  }

  private async page(first: boolean): Promise<void> {
    const handoff = this.handoff.value.trim();
    const { entries, next } = await this.api.audit({ ...(first || this.next === null ? {} : { before: this.next }), ...(handoff ? { handoff } : {}) });
    if (first) this.list.textContent = '';
    for (const e of entries) {
      const tr = el('tr');
      const action = this.w.maybe(`action_${e.action}`) ?? e.action;
      const detail = e.detail ? (this.w.maybe(`detail_${e.detail}`) ?? e.detail) : '';
      tr.append(el('td', undefined, this.w.dateTime(e.at)), el('td', undefined, e.actor), el('td', undefined, action), el('td', 'mono', e.handoffId ?? ''), el('td', undefined, detail));
      this.list.append(tr);
    }
    this.next = next;
    this.more.hidden = next === null;
  }
}
