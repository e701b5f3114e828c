/**
 * The Dockerfile and compose.yaml, checked for the rules a production image must keep (no
 * Docker engine runs here, so they are parsed): a supported Node.js LTS base, a multi-stage
 * build with production dependencies only in the final image, a non-root user, a health check
 * that really works against Haven, the database in a volume, an init process for signals;
 * compose with a TLS reverse proxy in front and nothing else published.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { createApp } from '../../src/server/app';
import { coreSettings } from '../../src/server/config';
import { openDatabase } from '../../src/store/database';
import { freePort } from '../../bench/load-server';
import { tempDir } from '../support/tmp';

const ROOT = path.join(__dirname, '..', '..');

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

/** Dockerfile instructions, continuation lines joined, comments dropped, each with its stage. */
function dockerfile(): { instructions: Instruction[]; args: Map<string, string> } {
  const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#') || line === '') {
      if (current === '') continue;
      if (line.startsWith('#')) continue;
    }
    current += (current ? ' ' : '') + line.replace(/\\$/, '').trim();
    if (!line.endsWith('\\')) {
      if (current) logical.push(current);
      current = '';
    }
  }
  const instructions: Instruction[] = [];
  const args = new Map<string, string>();
  let stage = -1;
  for (const l of logical) {
    const [op = '', ...rest] = l.split(/\s+/);
    const upper = op.toUpperCase();
    if (upper === 'FROM') stage++;
    if (upper === 'ARG' && stage === -1) {
      const [k = '', v = ''] = rest.join(' ').split('=');
      args.set(k, v);
    }
    instructions.push({ op: upper, args: rest.join(' '), stage });
  }
  return { instructions, args };
}

const { instructions, args } = dockerfile();
const stages = Math.max(...instructions.map((i) => i.stage)) + 1;
const final = instructions.filter((i) => i.stage === stages - 1);
const build = instructions.filter((i) => i.stage === 0);
const resolve = (s: string) => s.replace(/\$\{(\w+)\}/g, (_, k: string) => args.get(k) ?? '');

describe('Dockerfile', () => {
  test('is multi-stage on a supported Node.js LTS image', () => {
    expect(stages).toBeGreaterThanOrEqual(2);
    const froms = instructions.filter((i) => i.op === 'FROM').map((i) => resolve(i.args));
    expect(froms[0]).toMatch(/ AS build$/i);
    for (const f of froms) {
      // Even-numbered majors from 20 on are LTS lines; Debian slim images are small and glibc-based.
      const m = /^node:(\d+)(?:\.\d+)*-(bookworm|trixie)(-slim)?(\s|$)/.exec(f);
      expect(m).not.toBeNull();
      const major = Number(m?.[1]);
      expect(major % 2 === 0 && major >= 20).toBe(true);
    }
  });

  test('compiles in the build stage and keeps only production dependencies for the final image', () => {
    const buildRuns = build.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
    expect(buildRuns).toMatch(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/);
    expect(buildRuns).toMatch(/npm ci\b/);
    expect(buildRuns).toMatch(/npm run build/);
    expect(buildRuns).toMatch(/npm prune --omit=dev/);
    const finalRuns = final.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n');
    // No package installs, no compiler in the final image.
    expect(finalRuns).not.toMatch(/npm (ci|install|i)\b/);
    expect(finalRuns).not.toMatch(/g\+\+|build-essential|python3/);
    const copies = final.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=build /app/node_modules ./node_modules');
  });

  test('the final image has everything Haven reads at run time, and every source exists and is not ignored', () => {
    const copied = final.filter((i) => i.op === 'COPY').map((i) => i.args.split(/\s+/).slice(-1)[0]);
    for (const needed of ['./package.json', './node_modules', './dist', './public', './flows', './locales', './directory']) {
      expect(copied.map((c) => (c === './' ? './package.json' : c))).toContain(needed);
    }
    const ignored = fs
      .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    for (const i of instructions.filter((x) => x.op === 'COPY' && !x.args.startsWith('--from'))) {
      const sources = i.args.split(/\s+/).slice(0, -1);
      for (const s of sources) {
        expect({ s, exists: fs.existsSync(path.join(ROOT, s)) }).toEqual({ s, exists: true });
        expect({ s, ignored: ignored.includes(s) }).toEqual({ s, ignored: false });
      }
    }
  });

  test('runs as a non-root user, with the database in a /data volume', () => {
    const users = final.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
    const userAt = final.findIndex((i) => i.op === 'USER');
    expect(userAt).toBeLessThan(final.findIndex((i) => i.op === 'ENTRYPOINT'));
    expect(final.find((i) => i.op === 'ENV')?.args).toMatch(/HAVEN_DATA_DIR=\/data\b/);
    expect(final.find((i) => i.op === 'VOLUME')?.args).toMatch(/"\/data"/);
    // the volume's folder belongs to that user, or SQLite could not write there
    expect(final.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n')).toMatch(/chown node:node \/data/);
    expect(users[users.length - 1]).toBe('node');
  });

  test('an init process (tini) forwards signals and reaps children', () => {
    expect(final.filter((i) => i.op === 'RUN').map((i) => i.args).join('\n')).toMatch(/apt-get install[^\n]*\btini\b/);
    const entry = JSON.parse(final.find((i) => i.op === 'ENTRYPOINT')?.args ?? '[]') as string[];
    expect(entry.slice(0, 3)).toEqual(['/usr/bin/tini', '--', 'node']);
    expect(fs.existsSync(path.join(ROOT, entry[3] ?? 'missing'))).toBe(true); // the built CLI
    expect(JSON.parse(final.find((i) => i.op === 'CMD')?.args ?? '[]')).toEqual(['serve']);
  });

  test('the HEALTHCHECK command passes against a running Haven and fails when nothing answers', async () => {
    const hc = final.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(hc).toMatch(/--interval=\d+s/);
    expect(hc).toMatch(/--timeout=\d+s/);
    const command = JSON.parse(hc.slice(hc.indexOf('CMD') + 3).trim()) as string[];
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/healthz');
    const db = openDatabase(':memory:');
    const server: Server = await new Promise((r) => {
      const s = createApp({ db }).listen(0, '127.0.0.1', () => r(s));
    });
    const port = String((server.address() as AddressInfo).port);
    // Asynchronously: the server answering runs in this same process.
    const run = (p: string) =>
      new Promise<number | null>((r) => spawn(process.execPath, command.slice(1), { env: { PORT: p }, timeout: 10_000 }).on('exit', r));
    const ok = await run(port);
    await new Promise((r) => server.close(r));
    expect(ok).toBe(0);
    expect(await run(port)).toBe(1);
    db.close();
  });

  test('the files the final stage copies are enough to run Haven as the image does (production mode)', async () => {
    // Lay out /app as the final stage's COPY lines do: from the build stage (dist, production
    // node_modules) or from the context. node_modules is linked, not copied; everything Haven
    // reads at run time by its own path is copied, so a missing COPY shows here.
    const app = tempDir('haven-image-');
    for (const i of final.filter((x) => x.op === 'COPY')) {
      const parts = i.args.split(/\s+/).filter((p) => !p.startsWith('--'));
      const target = parts[parts.length - 1] ?? '';
      for (const source of parts.slice(0, -1)) {
        const from = path.join(ROOT, source.replace(/^\/app\//, ''));
        const to = target.endsWith('/') ? path.join(app, path.basename(from)) : path.join(app, target);
        if (path.basename(from) === 'node_modules') fs.symlinkSync(from, to, 'dir');
        else fs.cpSync(from, to, { recursive: true });
      }
    }
    const env = Object.fromEntries(
      final
        .filter((i) => i.op === 'ENV')
        .flatMap((i) => i.args.split(/\s+/))
        .map((kv) => kv.split('=') as [string, string]),
    );
    const entry = JSON.parse(final.find((i) => i.op === 'ENTRYPOINT')?.args ?? '[]') as string[];
    const port = await freePort();
    const child = spawn(process.execPath, [...entry.slice(3), 'serve'], {
      cwd: app,
      env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), HAVEN_DATA_DIR: path.join(app, 'data'), HAVEN_LOG_LEVEL: 'warn' },
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 200; i++) {
        const ok = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
        if (ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(env['NODE_ENV']).toBe('production');
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
      expect((await fetch(`${url}/`)).status).toBe(200);
      expect((await fetch(`${url}/webchat/webchat.js`)).status).toBe(200);
      const start = await fetch(`${url}/api/webchat/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(start.status).toBe(201);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).not.toMatch(/"level":(50|60)/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  test('.dockerignore keeps secrets, local data and builds out of the image', () => {
    const lines = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    for (const p of ['.env', 'data', 'node_modules', 'dist', '.git', '*.sqlite', '*.secret']) expect(lines).toContain(p);
  });
});

describe('compose.yaml', () => {
  const compose = parse(fs.readFileSync(path.join(ROOT, 'compose.yaml'), 'utf8')) as {
    services: Record<string, Record<string, unknown>>;
    configs: Record<string, { content: string }>;
    volumes: Record<string, unknown>;
  };
  const haven = compose.services['haven'] ?? {};
  const caddy = compose.services['caddy'] ?? {};

  test('Haven keeps its database in a named volume and publishes no port of its own', () => {
    expect(haven['build']).toBe('.');
    expect(haven['volumes']).toContain('haven-data:/data');
    expect(Object.keys(compose.volumes)).toContain('haven-data');
    expect(haven['ports']).toBeUndefined();
    expect(haven['restart']).toBe('unless-stopped');
    expect((haven['environment'] as Record<string, string>)['HAVEN_DATA_DIR']).toBe('/data');
  });

  test('the stop grace period leaves room for Haven\'s own shutdown timeout', () => {
    const grace = Number(/^(\d+)s$/.exec(String(haven['stop_grace_period']))?.[1]);
    expect(grace).toBeGreaterThan(Number(coreSettings.HAVEN_SHUTDOWN_TIMEOUT_SECONDS.default) + 5);
  });

  test('Caddy terminates TLS on 443 for the configured domain and proxies to Haven, but not /metrics', () => {
    expect(String(caddy['image'])).toMatch(/^caddy:2/);
    expect(caddy['ports']).toEqual(expect.arrayContaining(['80:80', '443:443']));
    expect((caddy['environment'] as Record<string, string>)['DOMAIN']).toMatch(/^\$\{DOMAIN:\?/);
    expect(caddy['depends_on']).toEqual({ haven: { condition: 'service_healthy' } });
    const caddyfile = compose.configs['caddyfile']?.content ?? '';
    expect(caddyfile).toMatch(/^\{\$\$DOMAIN\} \{/m); // `$$` is compose's escape: Caddy reads {$DOMAIN}
    expect(caddyfile).toMatch(/reverse_proxy haven:3000/);
    expect(caddyfile).toMatch(/respond @internal 404/);
    expect(caddyfile).toMatch(/@internal path \/metrics/);
    expect(caddyfile).not.toMatch(/^\s*log\b/m); // no access log of visitors' addresses
  });

  test('Caddy\'s upstream keep-alive is shorter than Haven\'s, so Haven never closes a connection Caddy is about to use', async () => {
    const { KEEP_ALIVE_TIMEOUT_MS } = await import('../../src/server/http-limits');
    const caddyfile = compose.configs['caddyfile']?.content ?? '';
    const keepalive = Number(/keepalive (\d+)s/.exec(caddyfile)?.[1]);
    expect(keepalive * 1000).toBeLessThan(KEEP_ALIVE_TIMEOUT_MS);
  });
});
