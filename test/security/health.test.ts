// GET /api/health answers without a token (load balancers and uptime checks carry none), and says only that the
// server is up: exactly { "status": "ok" }, nothing naming the store's path, versions or data — in local mode and
// with tokens, with no token, a wrong one, or a valid one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { Db } from '../../server/store/db.ts';
import { tempDir } from '../integration/helpers.ts';

const ADMIN = 'admin-token-0123456789abcdef';
const tmp = tempDir('rebound-health-');
let db: Db;
beforeAll(async () => {
  db = await Db.open(tmp.path('secret-place.duckdb'));
});
afterAll(() => {
  db.close();
  tmp.cleanup();
});

const appWith = (env: Record<string, string>) => createApp({ db, config: loadConfig({ REBOUND_DEMO: '0', ...env }), now: () => new Date(), localToken: null });

describe('GET /api/health', () => {
  it.each([
    ['tokens, no token', { REBOUND_TOKENS: `admin:${ADMIN}` }, {}],
    ['tokens, a wrong token', { REBOUND_TOKENS: `admin:${ADMIN}` }, { authorization: 'Bearer not-the-token-0123456789' }],
    ['tokens, a valid token', { REBOUND_TOKENS: `admin:${ADMIN}` }, { authorization: `Bearer ${ADMIN}` }],
    ['local mode', {}, {}],
  ])('%s: 200 and exactly {"status":"ok"}', async (_name, env, headers) => {
    const res = await appWith(env).request('/api/health', { headers });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    expect(text).not.toMatch(/secret-place|duckdb|version|\d+\.\d+\.\d+/);
  });

  it('opens nothing else: every other route still needs the token, and a write to health is not exempt', async () => {
    const app = appWith({ REBOUND_TOKENS: `admin:${ADMIN}` });
    for (const path of ['/api/health/', '/api/health/x', '/api/healthz', '/api/incidents', '/api/session']) {
      expect((await app.request(path)).status, path).toBe(401);
    }
    expect((await app.request('/api/health', { method: 'POST' })).status).toBe(401);
  });
});
