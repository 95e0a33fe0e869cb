// Tokens (docs/security.md, docs/api.md): every configured token is compared, in constant time, whichever matches; a wrong
// token of any length is refused; no token — good or bad — appears in anything the server logs or answers; the
// local credential file beside the store is readable by its owner only. Access per route and role is covered by
// test/integration/access.test.ts; webhook signatures by test/integration/webhooks*.test.ts.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { roleForToken } from '../../server/auth.ts';
import { newLocalToken, serverFilePath, writeServerFile } from '../../server/server-file.ts';
import { ConfigError, loadConfig, type Token } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';

const VIEWER = 'viewer-token-0123456789';
const EDITOR = 'editor-token-0123456789';
const ADMIN = 'admin-token-01234567890';
const LOCAL = newLocalToken();
const TOKENS: Token[] = [{ role: 'viewer', token: VIEWER }, { role: 'editor', token: EDITOR }, { role: 'admin', token: ADMIN }];

const tmp = tempDir('rebound-sec-tokens-');
afterAll(() => tmp.cleanup());

describe('roleForToken', () => {
  /** Tokens whose `.token` reads are counted: a comparison that stops early reads fewer. */
  function observed(list: Token[]): { tokens: Token[]; reads: number[] } {
    const reads = list.map(() => 0);
    const tokens = list.map((t, i) => ({ role: t.role, get token() { reads[i] = (reads[i] ?? 0) + 1; return t.token; } }));
    return { tokens, reads };
  }

  it('compares every configured token, whether the first, the last or none matches', () => {
    for (const presented of [VIEWER, ADMIN, 'nothing-like-any-token', '', VIEWER.slice(0, -1)]) {
      const { tokens, reads } = observed(TOKENS);
      roleForToken(tokens, presented);
      expect(reads, presented).toEqual([1, 1, 1]);
    }
  });

  it('refuses wrong tokens of every length from 0 to 256, and every prefix, suffix and one-character change of a real one', () => {
    const wrong: string[] = [];
    for (let n = 0; n <= 256; n++) wrong.push('v'.repeat(n), 'x'.repeat(n), VIEWER.slice(0, n), `${VIEWER}${'y'.repeat(n)}`);
    for (const t of [VIEWER, EDITOR, ADMIN]) {
      for (let i = 0; i < t.length; i++) wrong.push(t.slice(i), `${t.slice(0, i)}#${t.slice(i + 1)}`, t.slice(0, i) + t.slice(i + 1));
      wrong.push(t.toUpperCase(), ` ${t}`, `${t}\u0000`, `${t}\n`);
    }
    const refused = wrong.filter((w) => !TOKENS.some((t) => t.token === w));
    for (const w of refused) expect(roleForToken(TOKENS, w), JSON.stringify(w)).toBeNull();
    console.log(`roleForToken: ${refused.length} wrong tokens refused`);
    expect(roleForToken(TOKENS, VIEWER)).toBe('viewer');
    expect(roleForToken(TOKENS, ADMIN)).toBe('admin');
    // The same token configured twice gives the higher role, whatever the order.
    expect(roleForToken([{ role: 'admin', token: VIEWER }, ...TOKENS], VIEWER)).toBe('admin');
  });

  it('is configured only with tokens of at least 16 characters and known roles', () => {
    expect(() => loadConfig({ REBOUND_TOKENS: 'admin:short-token' })).toThrow(ConfigError);
    expect(() => loadConfig({ REBOUND_TOKENS: `root:${ADMIN}` })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/REBOUND_TOKENS/);
    expect(loadConfig({ HOST: '0.0.0.0', REBOUND_TOKENS: `admin:${ADMIN}` }).host).toBe('0.0.0.0');
  });
});

describe('tokens are never logged or echoed', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    db = await Db.open(tmp.path('tokens.duckdb'));
    const config = loadConfig({ REBOUND_DEMO: '0', REBOUND_TOKENS: TOKENS.map((t) => `${t.role}:${t.token}`).join(',') });
    const s: Services = { db, config, now: () => new Date(), localToken: LOCAL };
    app = createApp(s);
  });
  afterAll(() => db.close());

  /** Runs `fn` with console.* and process.stdout/stderr writes captured; returns everything written. */
  async function captured(fn: () => Promise<void>): Promise<string> {
    const out: string[] = [];
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const saved = methods.map((m) => console[m]);
    const savedOut = process.stdout.write.bind(process.stdout);
    const savedErr = process.stderr.write.bind(process.stderr);
    for (const m of methods) console[m] = (...args: unknown[]) => void out.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a) ?? String(a))).join(' '));
    const grab = (chunk: unknown) => (out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString()), true);
    process.stdout.write = grab as typeof process.stdout.write;
    process.stderr.write = grab as typeof process.stderr.write;
    try {
      await fn();
    } finally {
      methods.forEach((m, i) => (console[m] = saved[i] as (typeof console)[typeof m]));
      process.stdout.write = savedOut;
      process.stderr.write = savedErr;
    }
    return out.join('\n');
  }

  it('with good and bad tokens on reads, writes, errors and bad bodies, no token appears in a log line or an answer', async () => {
    const bad = ['wrong-token-0123456789', `${ADMIN}x`, ADMIN.slice(0, -1), 'a', 'x'.repeat(4096), `${VIEWER} ${ADMIN}`];
    const secrets = [...TOKENS.map((t) => t.token), LOCAL, ...bad.filter((b) => b.length >= 8)];
    const answers: string[] = [];
    let requests = 0;
    const log = await captured(async () => {
      const paths: [string, string, string?][] = [
        ['GET', '/api/health'], ['GET', '/api/incidents'], ['POST', '/api/incidents', '{"title":'], ['POST', '/api/incidents', '{}'],
        ['PATCH', '/api/incidents/inc-404', '{"title":"x"}'], ['POST', '/api/alerts/rules', '{}'], ['GET', '/api/no-such-route'],
        ['POST', '/api/events', '{"events":[{"type":"nope"}]}'], ['POST', '/api/sources/bigquery/pull'], ['GET', '/api/reports/not-a-week'],
      ];
      for (const [method, path, body] of paths) {
        for (const token of [...TOKENS.map((t) => t.token), LOCAL, ...bad, undefined]) {
          for (const scheme of ['Bearer', 'bearer', 'Basic', 'Token']) {
            const res = await app.request(path, {
              method, ...(body ? { body } : {}),
              headers: { 'content-type': 'application/json', ...(token !== undefined ? { authorization: `${scheme} ${token}`, 'x-api-key': token } : {}) },
            });
            answers.push(`${[...res.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n${await res.text()}`);
            requests++;
          }
        }
      }
    });
    for (const secret of secrets) {
      expect(log.includes(secret), `a token was logged: ${secret.slice(0, 6)}…`).toBe(false);
      expect(answers.some((a) => a.includes(secret)), `a token was echoed: ${secret.slice(0, 6)}…`).toBe(false);
    }
    console.log(`token log check: ${requests} requests, ${log === '' ? 0 : log.split('\n').length} captured log lines, no token in any`);
  });
});

describe('the local credential file beside the store', () => {
  it('is written readable and writable by its owner only, even over an older file with wider permissions', () => {
    const dir = tmp.path('cred');
    mkdirSync(dir, { recursive: true });
    const store = `${dir}/store.duckdb`;
    writeServerFile(store, { url: 'http://127.0.0.1:1', token: LOCAL, pid: process.pid });
    expect(statSync(serverFilePath(store)).mode & 0o777).toBe(0o600);
    // A file left behind with wider permissions (an older version, a copy) must not keep them.
    chmodSync(serverFilePath(store), 0o644);
    writeServerFile(store, { url: 'http://127.0.0.1:1', token: newLocalToken(), pid: process.pid });
    expect(statSync(serverFilePath(store)).mode & 0o777).toBe(0o600);
  });
});
