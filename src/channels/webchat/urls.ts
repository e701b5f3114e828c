/** URL checks for values that end up in links on the page. */

/** True for an absolute http: or https: URL (never javascript:, data: and the like). */
export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
