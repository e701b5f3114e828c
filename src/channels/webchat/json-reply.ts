/**
 * A JSON answer, written in one piece. The API's answers are never cached (`no-store`), so
 * express's ETag (a SHA-1 of every body) would be wasted work; and a string handed to `end`
 * goes out with its headers in a single write, where express's buffer takes two.
 */
import type { Response } from 'express';

export function sendJson(res: Response, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}
