/**
 * The console's session cookie: HttpOnly (scripts cannot read it), Secure (HTTPS only),
 * SameSite=Strict (no other site can make the browser send it), and with the `__Host-` prefix
 * (the browser refuses it unless it is Secure, for this host only, on every path). For
 * development over http://localhost the Secure flag (and so the prefix) can be turned off.
 */
import type { Request, Response } from 'express';

export interface CookiePolicy {
  secure: boolean;
  maxAgeSeconds: number;
}

export function cookieName(secure: boolean): string {
  return secure ? '__Host-haven_console' : 'haven_console';
}

export function setSessionCookie(res: Response, token: string, p: CookiePolicy): void {
  res.append('Set-Cookie', serialize(cookieName(p.secure), token, p.secure, p.maxAgeSeconds));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', serialize(cookieName(secure), '', secure, 0));
}

/** The session token the browser sent, if any. */
export function sessionToken(req: Request, secure: boolean): string | null {
  const header = req.get('cookie');
  if (!header) return null;
  const name = cookieName(secure);
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

function serialize(name: string, value: string, secure: boolean, maxAgeSeconds: number): string {
  return [`${name}=${value}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}
