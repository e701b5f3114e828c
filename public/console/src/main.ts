/**
 * The console starts here: read the page's configuration (its words, and who is signed in),
 * then show the sign-in form or the desk. Views are switched in place; changing the interface
 * language reloads the page in that language.
 */

(function main(): void {
  const config: DeskPageConfig = JSON.parse(document.getElementById('console-config')?.textContent ?? '{}');
  const w = new Words(config.lang, config.strings);
  const api = new DeskApi(config.api);
  const statusLine = byId('status', HTMLParagraphElement);
  const status = (text: string) => say(statusLine, text);
  const nav = byId('nav', HTMLElement);
  const who = byId('who', HTMLParagraphElement);
  const signOut = byId('sign-out', HTMLButtonElement);
  const views = ['queue', 'replies', 'accounts', 'audit', 'insights', 'password'];
  let desk: Desk | null = null;
  let loaders: Record<string, () => Promise<void>> = {};

  const language = byId('language', HTMLSelectElement);
  for (const l of config.languages) {
    const o = el('option', undefined, l.name);
    o.value = l.code;
    o.lang = l.code;
    language.append(o);
  }
  language.value = config.lang;
  language.addEventListener('change', () => location.assign(`${location.pathname}?lang=${encodeURIComponent(language.value)}`));

  const signIn = new SignInView(api, w, (me, csrf) => start(me, csrf));

  function showView(name: string): void {
    for (const v of views) byId(`view-${v}`, HTMLElement).hidden = v !== name;
    for (const b of Array.from(nav.querySelectorAll<HTMLButtonElement>('button[data-view]'))) {
      if (b.dataset['view'] === name) b.setAttribute('aria-current', 'page');
      else b.removeAttribute('aria-current');
    }
    const load = loaders[name];
    if (load) void load().catch(() => status(w.t('error_generic')));
    const heading = document.querySelector<HTMLElement>(`#view-${name} h1`);
    if (heading && name !== 'queue') {
      heading.tabIndex = -1;
      heading.focus();
    }
  }

  function start(me: DeskMe, csrf: string): void {
    api.csrf = csrf;
    who.textContent = w.t('signed_in_as', { name: me.firstName, role: w.t(`role_${me.role}`) });
    who.hidden = false;
    nav.hidden = false;
    signOut.hidden = false;
    for (const b of Array.from(nav.querySelectorAll<HTMLButtonElement>('button[data-supervisor]'))) b.hidden = me.role !== 'supervisor';
    desk = new Desk(api, w, me, config, status, () => ended(w.t('signed_out')));
    loaders = { queue: () => desk?.refreshQueue() ?? Promise.resolve() };
    if (me.role === 'supervisor') {
      const replies = new RepliesView(api, w, config.languages, status);
      const accounts = new AccountsView(api, w, me, status);
      const audit = new AuditView(api, w);
      const insights = new InsightsView(api, w, status);
      loaders['replies'] = () => replies.load();
      loaders['insights'] = () => insights.load();
      loaders['accounts'] = () => accounts.load();
      loaders['audit'] = () => audit.load();
    }
    new PasswordView(api, w, status);
    showView('queue');
    desk.start();
  }

  function ended(notice?: string): void {
    desk?.stop();
    desk = null;
    api.csrf = null;
    for (const v of views) byId(`view-${v}`, HTMLElement).hidden = true;
    nav.hidden = true;
    who.hidden = true;
    signOut.hidden = true;
    document.title = w.t('title');
    signIn.show(notice);
  }

  nav.addEventListener('click', (e) => {
    const target = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>('button[data-view]') : null;
    if (target?.dataset['view']) showView(target.dataset['view']);
  });

  signOut.addEventListener('click', () => {
    void api.signOut().catch(() => {}).then(() => ended(w.t('signed_out_now')));
  });

  if (config.me && config.csrf) start(config.me, config.csrf);
  else ended();
})();
