/** Quick replies, for supervisors: pick a language, edit, add or delete the replies in it. */

class RepliesView {
  private readonly lang = byId('replies-lang', HTMLSelectElement);
  private readonly list = byId('replies-list', HTMLUListElement);
  private readonly form = byId('reply-form', HTMLFormElement);
  private readonly formHeading = byId('reply-form-heading', HTMLHeadingElement);
  private readonly title = byId('reply-title', HTMLInputElement);
  private readonly body = byId('reply-body', HTMLTextAreaElement);
  private readonly cancel = byId('reply-cancel', HTMLButtonElement);
  private readonly error = byId('reply-error', HTMLParagraphElement);
  private editing: DeskQuickReply | null = null;

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    languages: DeskLanguage[],
    private readonly status: (text: string) => void,
  ) {
    for (const l of languages) {
      const o = el('option', undefined, l.name);
      o.value = l.code;
      o.lang = l.code;
      this.lang.append(o);
    }
    this.lang.value = w.lang;
    this.lang.addEventListener('change', () => void this.load());
    this.cancel.addEventListener('click', () => this.edit(null));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
  }

  async load(): Promise<void> {
    const { quickReplies } = await this.api.quickReplies(this.lang.value);
    this.list.textContent = '';
    if (quickReplies.length === 0) this.list.append(el('li', 'hint', this.w.t('quick_replies_none')));
    for (const r of quickReplies) {
      const row = el('li', 'row-item');
      const text = el('div', 'grow');
      text.lang = r.lang;
      text.append(el('strong', undefined, r.title), el('p', 'preview', r.body));
      const edit = button(this.w.t('edit'), () => this.edit(r));
      edit.setAttribute('aria-label', this.w.t('edit_named', { name: r.title }));
      const remove = button(this.w.t('delete'), () => void this.remove(r), 'danger-quiet');
      remove.setAttribute('aria-label', this.w.t('delete_named', { name: r.title }));
      row.append(text, edit, remove);
      this.list.append(row);
    }
  }

  private edit(r: DeskQuickReply | null): void {
    this.editing = r;
    this.title.value = r?.title ?? '';
    this.body.value = r?.body ?? '';
    this.formHeading.textContent = r ? this.w.t('reply_edit') : this.w.t('reply_new');
    this.cancel.hidden = !r;
    say(this.error, '');
    if (r) this.title.focus();
  }

  private async save(): Promise<void> {
    const title = this.title.value.trim();
    const body = this.body.value.trim();
    if (!title || !body) return say(this.error, this.w.t('reply_incomplete'));
    try {
      const r = { lang: this.lang.value, title, body, ...(this.editing ? { position: this.editing.position } : {}) };
      await this.api.saveQuickReply(this.editing?.id ?? null, r);
      this.status(this.w.t('saved'));
      this.edit(null);
      await this.load();
    } catch {
      say(this.error, this.w.t('error_generic'));
    }
  }

  private async remove(r: DeskQuickReply): Promise<void> {
    if (!window.confirm(this.w.t('delete_confirm', { name: r.title }))) return;
    try {
      await this.api.deleteQuickReply(r.id);
      this.status(this.w.t('deleted'));
      await this.load();
    } catch {
      this.status(this.w.t('error_generic'));
    }
  }
}
