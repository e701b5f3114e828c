/**
 * Quick exit (GOV.UK's "Exit this page" pattern): the Exit button, or Shift pressed 3 times,
 * blanks the page at once, clears this site's storage, tells the server to forget the
 * conversation, and replaces the page with a neutral site, so Back does not return here.
 */

/** Shift presses further apart than this start counting again. */
const SHIFT_WINDOW_MS = 5000;

function installQuickExit(link: HTMLAnchorElement, exitUrl: string, endConversation: () => void): void {
  const leave = () => {
    document.title = '';
    document.body.textContent = '';
    clearAllStorage();
    endConversation();
    location.replace(exitUrl);
  };
  link.addEventListener('click', (e) => {
    e.preventDefault();
    leave();
  });

  let presses = 0;
  let timer: number | undefined;
  // Shift released right after a shifted key (typing a capital) does not count.
  let lastKeyShifted = false;
  document.addEventListener(
    'keyup',
    (e) => {
      if (e.key === 'Shift' && !lastKeyShifted) {
        presses++;
        window.clearTimeout(timer);
        if (presses >= 3) {
          presses = 0;
          leave();
          return;
        }
        timer = window.setTimeout(() => (presses = 0), SHIFT_WINDOW_MS);
      } else if (e.key !== 'Shift') {
        presses = 0;
        window.clearTimeout(timer);
      }
      lastKeyShifted = e.shiftKey;
    },
    true,
  );
}
