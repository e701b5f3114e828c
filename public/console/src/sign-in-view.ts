/** The sign-in form. Every refusal reads the same: the page cannot tell, and neither can anyone else. */

class SignInView {
  readonly section = byId('view-sign-in', HTMLElement);
  private readonly form = byId('sign-in-form', HTMLFormElement);
  private readonly username = byId('username', HTMLInputElement);
  private readonly password = byId('password', HTMLInputElement);
  private readonly error = byId('sign-in-error', HTMLParagraphElement);

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    private readonly signedIn: (me: DeskMe, csrf: string) => void,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
  }

  show(notice?: string): void {
    this.section.hidden = false;
    say(this.error, notice ?? '');
    this.username.focus();
  }

  private async submit(): Promise<void> {
    const username = this.username.value.trim();
    const password = this.password.value;
    if (!username || !password) return say(this.error, this.w.t('sign_in_missing'));
    const submit = this.form.querySelector('button');
    if (submit) submit.disabled = true;
    try {
      const { me, csrf } = await this.api.signIn(username, password);
      this.password.value = '';
      this.section.hidden = true;
      this.signedIn(me, csrf);
    } catch (e) {
      this.password.value = '';
      const key = e instanceof DeskApiError ? (e.status === 429 ? 'sign_in_rate_limited' : e.status === 401 ? 'sign_in_failed' : 'error_generic') : 'error_network';
      say(this.error, this.w.t(key));
      this.password.focus();
    } finally {
      if (submit) submit.disabled = false;
    }
  }
}
