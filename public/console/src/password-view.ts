/** Changing one's own password (every other session of the account ends). */

class PasswordView {
  private readonly form = byId('password-form', HTMLFormElement);
  private readonly current = byId('current-password', HTMLInputElement);
  private readonly next = byId('new-password', HTMLInputElement);
  private readonly error = byId('password-error', HTMLParagraphElement);

  constructor(
    private readonly api: DeskApi,
    private readonly w: Words,
    private readonly status: (text: string) => void,
  ) {
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
  }

  private async save(): Promise<void> {
    if ([...this.next.value].length < 10) return say(this.error, this.w.t('password_hint'));
    try {
      await this.api.changePassword(this.current.value, this.next.value);
      this.form.reset();
      say(this.error, '');
      this.status(this.w.t('password_changed'));
    } catch (e) {
      say(this.error, e instanceof DeskApiError && e.status === 403 ? this.w.t('password_wrong') : this.w.t('error_generic'));
    }
  }
}
