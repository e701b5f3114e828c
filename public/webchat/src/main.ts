/** The page starts here: read its configuration, wire the controls, start the conversation. */

(function main(): void {
  const configText = document.getElementById('chat-config')?.textContent ?? '';
  const config: WirePageConfig = JSON.parse(configText);
  const view = new ChatView(config.ui);
  const api = new ChatApi(config.api);
  const chat = new Chat(api, view);

  installQuickExit(view.exitLink, config.exitUrl, () => chat.end());

  view.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = view.input.value.trim();
    if (!text) return;
    if (new TextEncoder().encode(text).length > config.maxTextBytes) {
      view.setStatus(view.t('too_long'));
      return;
    }
    view.input.value = '';
    void chat.send({ type: 'text', text }, text).then((sent) => {
      if (!sent && view.input.value === '') view.input.value = text;
    });
  });

  view.languageButton.addEventListener('click', () => {
    void chat.send({ type: 'command', name: 'language' }, view.t('language'));
  });

  void chat.boot();
})();
