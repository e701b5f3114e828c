/**
 * The page's only saved state: the conversation token, in sessionStorage (this tab only, gone
 * when the tab closes). Never localStorage, never cookies.
 */

const TOKEN_KEY = 'chat';

function savedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null; // storage may be switched off; the chat still works until the tab reloads
  }
}

function saveToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing saved: a reload starts a new conversation
  }
}

/** Quick exit: leave nothing behind in this origin's storage. */
function clearAllStorage(): void {
  try {
    sessionStorage.clear();
  } catch {
    // not available: nothing to clear
  }
  try {
    localStorage.clear();
  } catch {
    // not available: nothing to clear
  }
}
