// Access control over every route the API describes (docs/api.md, docs/security.md): with REBOUND_TOKENS set, no token or a
// wrong one is 401, a viewer may read but not write (403), an editor may write but not manage rules (403), and
// nothing is written by a refused request. The routes come from /api/openapi.json, so new routes are covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import type { Db } from '../../server/store/db.ts';
import { counts, tempStore } from './helpers.ts';

const VIEWER = 'viewer-token-0123456789';
const EDITOR = 'editor-token-0123456789';
const ADMIN = 'admin-token-01234567890';
// ESP webhooks authenticate with the ESP's own signature, not a bearer token (tested in their own suites); the
// health check answers anyone, with only "ok" (test/security/health.test.ts).
const EXEMPT = /^\/api\/webhooks\/|^\/api\/health$/;
const ADMIN_ONLY = /^\/api\/alerts\/rules|^\/api\/sources|^\/api\/store\/check$/;

interface Op { method: string; path: string }

// Reads of personal data: the affected audience's addresses, and webhook payloads kept in the quarantine as received.
const EDITOR_READS = /^\/api\/incidents\/[^/]+\/audience\.csv$|^\/api\/quarantine$/;
// The one POST a viewer makes: a ticket for the live event stream, itself a read (docs/alerts.md).
const VIEWER_POSTS = /^\/api\/events\/ticket$/;

describe('access control with REBOUND_TOKENS', () => {
  const tmp = tempStore('rebound-access-');
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let ops: Op[] = [];

  beforeAll(async () => {
    db = await tmp.open();
    const config = loadConfig({ REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR},admin:${ADMIN}`, REBOUND_DEMO: '0' });
    const s: Services = { db, config, now: () => new Date(), localToken: null };
    app = createApp(s);
    const doc = (await (await app.request('/api/openapi.json', { headers: { authorization: `Bearer ${VIEWER}` } })).json()) as { paths: Record<string, Record<string, unknown>> };
    ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x-1') })));
  });
  afterAll(tmp.cleanup);

  const call = (op: Op, token?: string) =>
    app.request(op.path, {
      method: op.method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(op.method === 'GET' ? {} : { body: '{}' }),
    });

  it('describes the routes it serves', () => {
    expect(ops.length).toBeGreaterThan(8);
    expect(ops).toContainEqual({ method: 'POST', path: '/api/incidents' });
  });

  it('refuses every route without a token or with a wrong one', async () => {
    for (const op of ops.filter((o) => !EXEMPT.test(o.path))) {
      for (const token of [undefined, 'wrong-token-0123456789', `${VIEWER}x`]) {
        const res = await call(op, token);
        expect(res.status, `${op.method} ${op.path} with ${token ?? 'no token'}`).toBe(401);
        const body = (await res.json()) as { error: { code: string } };
        expect(body.error.code).toBe('unauthorized');
      }
    }
  });

  it('lets a viewer read and refuses a viewer every write', async () => {
    const before = await counts(db);
    for (const op of ops.filter((o) => !EXEMPT.test(o.path))) {
      const res = await call(op, VIEWER);
      // The reads a viewer may not make: personal data (EDITOR_READS).
      if (op.method === 'GET' && EDITOR_READS.test(op.path)) expect(res.status, `GET ${op.path}`).toBe(403);
      else if (op.method === 'GET' || VIEWER_POSTS.test(op.path)) expect(res.status, `${op.method} ${op.path}`).not.toBe(403);
      else expect(res.status, `${op.method} ${op.path}`).toBe(403);
    }
    expect(await counts(db)).toEqual(before);
  });

  it('lets an editor write but not manage rules and sources; an admin may', async () => {
    for (const op of ops.filter((o) => o.method !== 'GET' && !EXEMPT.test(o.path))) {
      const editor = await call(op, EDITOR);
      if (ADMIN_ONLY.test(op.path)) expect(editor.status, `${op.method} ${op.path} as editor`).toBe(403);
      else expect([401, 403], `${op.method} ${op.path} as editor`).not.toContain(editor.status);
      const admin = await call(op, ADMIN);
      expect([401, 403], `${op.method} ${op.path} as admin`).not.toContain(admin.status);
    }
  });
});
