/**
 * The HTTP server's timeouts, over real sockets: a client that sends its headers or its body
 * too slowly is cut off after the request timeout (slow-loris), while a long answer (an event
 * stream, a long poll) goes on as long as it needs.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import express from 'express';
import { createHttpServer } from '../../src/server/http-limits';

const REQUEST_TIMEOUT_MS = 2000;
let server: Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.post('/upload', express.text({ type: '*/*' }), (_req, res) => void res.send('ok'));
  app.get('/stream', (_req, res) => {
    res.write('start\n');
    let n = 0;
    const t = setInterval(() => {
      res.write(`tick ${++n}\n`);
      if (n === 8) {
        clearInterval(t);
        res.end('done\n');
      }
    }, 500);
  });
  server = createHttpServer(app, { requestTimeoutMs: REQUEST_TIMEOUT_MS });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Write `bytes`, then wait: resolves with what came back and how long the server kept the socket. */
function stall(bytes: string): Promise<{ answer: string; ms: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString()));
    socket.on('close', () => resolve({ answer, ms: Date.now() - started }));
    socket.on('error', () => undefined);
  });
}

test('headers sent too slowly: the connection is closed after the request timeout', async () => {
  const { answer, ms } = await stall('GET /stream HTTP/1.1\r\nHost: x\r\nX-Slow: ');
  expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
  expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
  expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
});

test('a body sent too slowly: the connection is closed after the request timeout', async () => {
  const { answer, ms } = await stall('POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nonly ten b');
  expect(ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 100);
  expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS + 2500);
  expect(answer).not.toContain('ok');
});

test('a long answer is not cut: the timeouts cover receiving the request, not sending the answer', async () => {
  const started = Date.now();
  const text = await (await fetch(`http://127.0.0.1:${port}/stream`)).text();
  expect(Date.now() - started).toBeGreaterThan(REQUEST_TIMEOUT_MS);
  expect(text).toMatch(/start\n(tick \d\n){8}done\n/);
});
