/**
 * What the page shows: the conversation (an ARIA live log, so new messages are announced),
 * the buttons for the current question, a status line, and the page's own words in the
 * conversation's language. Every message carries its own `lang` and `dir`, so Arabic lays
 * out right to left from the message where the language changed.
 */

interface ActionHandlers {
  choose(choice: WireChoice): void;
  locate(): void;
}

class ChatView {
  readonly log = byId('log', HTMLDivElement);
  readonly actions = byId('actions', HTMLDivElement);
  readonly status = byId('status', HTMLParagraphElement);
  readonly form = byId('composer', HTMLFormElement);
  readonly input = byId('text', HTMLInputElement);
  readonly exitLink = byId('exit', HTMLAnchorElement);
  readonly languageButton = byId('language', HTMLButtonElement);
  private readonly botName = byId('bot-name', HTMLParagraphElement);

  constructor(public ui: WireUi) {}

  t(key: string): string {
    return this.ui.strings[key] ?? key;
  }

  /** Put the page's own words (and direction) in the language of the conversation. */
  applyUi(ui: WireUi): void {
    this.ui = ui;
    const root = document.documentElement;
    root.lang = ui.lang;
    root.dir = ui.dir;
    document.title = ui.title;
    this.botName.textContent = ui.botName;
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-ui]'))) {
      node.textContent = this.t(node.dataset['ui'] ?? '');
    }
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-ui-label]'))) {
      node.setAttribute('aria-label', this.t(node.dataset['uiLabel'] ?? ''));
    }
    this.input.placeholder = this.t('placeholder');
  }

  /** A message from the bot; its buttons (if any) replace the current ones. */
  addBot(m: WireMessage, handlers: ActionHandlers): void {
    const box = el('div', 'msg bot');
    box.lang = m.lang;
    box.dir = m.dir;
    box.append(el('span', 'sr-only', `${this.ui.botName}: `));
    if (m.text) box.append(document.createTextNode(m.text));
    if (m.kind === 'services' && m.cards && m.cards.length) box.append(this.cards(m.cards));
    this.log.append(box);
    if (m.kind === 'location') this.showActions(m, handlers, true);
    else if (m.choices && m.choices.length) this.showActions(m, handlers, false);
    this.scrollToEnd();
  }

  /** A line from the page itself, in the page's language, styled like the bot's. */
  addNotice(text: string): void {
    const box = el('div', 'msg bot');
    box.lang = this.ui.lang;
    box.dir = this.ui.dir;
    box.textContent = text;
    this.log.append(box);
  }

  /** What the person sent, shown at once (it is never kept by the server). */
  addYou(text: string): void {
    const box = el('div', 'msg you');
    box.dir = 'auto';
    box.append(el('span', 'sr-only', `${this.t('you')}: `), document.createTextNode(text));
    this.log.append(box);
    this.scrollToEnd();
  }

  clearActions(): void {
    this.actions.textContent = '';
  }

  clearLog(): void {
    this.log.textContent = '';
    this.clearActions();
  }

  /** A line about the connection or a problem; null hides it. */
  setStatus(text: string | null): void {
    if (text === null) {
      this.status.hidden = true;
      this.status.textContent = '';
      return;
    }
    this.status.textContent = text;
    this.status.hidden = false;
  }

  get statusText(): string | null {
    return this.status.hidden ? null : this.status.textContent;
  }

  private showActions(m: WireMessage, handlers: ActionHandlers, location: boolean): void {
    // Keep keyboard users where they were unless their button just went away.
    const active = document.activeElement;
    const refocus = !active || active === document.body || this.actions.contains(active);
    this.clearActions();
    const buttons: HTMLButtonElement[] = [];
    if (location) {
      const share = el('button', 'locate', this.t('share_location'));
      share.type = 'button';
      share.addEventListener('click', () => handlers.locate());
      buttons.push(share);
    }
    for (const choice of m.choices ?? []) {
      const b = el('button', 'choice', choice.label);
      b.type = 'button';
      b.value = choice.id;
      b.lang = m.lang;
      b.dir = m.dir;
      b.addEventListener('click', () => handlers.choose(choice));
      buttons.push(b);
    }
    this.actions.append(...buttons);
    if (location) this.actions.append(el('p', 'hint', this.t('location_or_type')));
    if (refocus && buttons[0]) buttons[0].focus({ preventScroll: true });
  }

  private cards(cards: WireCard[]): HTMLUListElement {
    const list = el('ul', 'cards');
    for (const c of cards) {
      const item = el('li', 'card');
      item.append(el('h2', undefined, c.name));
      if (c.status) item.append(el('p', c.open === true ? 'open' : c.open === false ? 'closed' : '', c.status));
      if (c.hours) item.append(el('p', undefined, c.hours));
      for (const phone of c.phones) item.append(linkLine(phone));
      if (c.website) {
        const line = linkLine(c.website);
        const a = line.querySelector('a');
        if (a) {
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
        }
        item.append(line);
      }
      if (c.languages) item.append(el('p', undefined, c.languages));
      item.append(el('p', undefined, c.address));
      if (c.map) item.append(linkLine(c.map));
      if (c.lastChecked) item.append(el('p', 'note', c.lastChecked));
      if (c.unverified) item.append(el('p', 'note', c.unverified));
      list.append(item);
    }
    return list;
  }

  private scrollToEnd(): void {
    const last = this.actions.lastElementChild ?? this.log.lastElementChild;
    if (last && typeof last.scrollIntoView === 'function') last.scrollIntoView({ block: 'end' });
  }
}

function linkLine(link: WireLink): HTMLParagraphElement {
  const p = el('p');
  const a = el('a', undefined, link.label);
  a.href = link.href;
  p.append(a);
  return p;
}
