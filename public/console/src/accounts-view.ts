/**
 * Accounts, for supervisors: who can sign in, add an account, disable or enable one, reset a
 * password. A new or reset password is shown once, here, to hand over in person.
 */

class AccountsView {
  private readonly list = byId('accounts-list', HTMLTableSectionElement);
  private readonly oneTime = byId('one-time', HTMLParagraphElement);
  private readonly form = byId('account-form', HTMLFormElement);
  private readonly error = byId('account-error', HTMLParagraphElement);

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    private readonly me: DeskMe,
    private readonly status: (text: string) => void,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.create();
    });
  }

  async load(): Promise<void> {
    const { accounts } = await this.api.accounts();
    const w = this.w;
    this.list.textContent = '';
    for (const a of accounts) {
      const tr = el('tr');
      const state = a.disabled ? w.t('account_disabled') : a.locked ? w.t('account_locked') : w.t('account_active');
      tr.append(el('td', undefined, a.username), el('td', undefined, a.firstName), el('td', undefined, `${w.t(`role_${a.role}`)} · ${a.roleTitle}`), el('td', undefined, state));
      const actions = el('td', 'actions');
      if (a.id !== this.me.id) {
        const toggle = a.disabled ? button(w.t('enable'), () => void this.act(a, 'enable')) : button(w.t('disable'), () => void this.act(a, 'disable'), 'danger-quiet');
        toggle.setAttribute('aria-label', `${toggle.textContent ?? ''}: ${a.username}`);
        actions.append(toggle);
      }
      const reset = button(w.t('reset_password'), () => void this.act(a, 'reset-password'));
      reset.setAttribute('aria-label', `${w.t('reset_password')}: ${a.username}`);
      actions.append(reset);
      tr.append(actions);
      this.list.append(tr);
    }
  }

  private async create(): Promise<void> {
    const value = (id: string) => byId(id, HTMLInputElement).value.trim();
    const role = byId('new-role', HTMLSelectElement).value;
    try {
      const { account, password } = await this.api.createAccount({ username: value('new-username'), firstName: value('new-first-name'), role, roleTitle: value('new-title') });
      this.form.reset();
      say(this.error, '');
      this.showPassword(account.username, password);
      await this.load();
    } catch (e) {
      say(this.error, e instanceof DeskApiError && e.status === 409 ? this.w.t('username_taken') : e instanceof DeskApiError && e.status === 400 ? this.w.t('account_invalid') : this.w.t('error_generic'));
    }
  }

  private async act(a: DeskAccount, action: 'disable' | 'enable' | 'reset-password'): Promise<void> {
    if (action !== 'enable' && !window.confirm(this.w.t(action === 'disable' ? 'disable_confirm' : 'reset_confirm', { name: a.username }))) return;
    try {
      const { password } = await this.api.accountAction(a.id, action);
      if (password) this.showPassword(a.username, password);
      else this.status(this.w.t('saved'));
      await this.load();
    } catch (e) {
      this.status(e instanceof DeskApiError && e.status === 409 ? this.w.t('last_supervisor') : this.w.t('error_generic'));
    }
  }

  private showPassword(username: string, password: string): void {
    this.oneTime.hidden = false;
    this.oneTime.textContent = '';
    this.oneTime.append(document.createTextNode(this.w.t('one_time_password', { name: username }) + ' '));
    const code = el('code', 'password', password);
    code.dir = 'ltr';
    this.oneTime.append(code);
  }
}
