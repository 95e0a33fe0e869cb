// Security headers, the content security policy and request body limits (docs/security.md). Every answer — the dashboard,
// API reads, errors, downloads — carries the CSP and the hardening headers; every route that reads a body caps it
// (413, nothing stored) instead of buffering whatever is sent.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { DASHBOARD_DIR } from '../../server/dashboard-files.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { MAX_JSON_BATCH_BYTES, MAX_MULTIPART_BYTES } from '../../server/routes/ingest/index.ts';
import { MAX_WEBHOOK_BYTES } from '../../server/routes/webhooks/index.ts';
import { MAX_EML_BYTES } from '../../server/apology/eml.ts';
import { Db } from '../../server/store/db.ts';
import { tableCounts } from '../property/support.ts';
import { tempDir } from '../integration/helpers.ts';

const tmp = tempDir('rebound-sec-headers-');
afterAll(() => tmp.cleanup());

let db: Db;
let app: ReturnType<typeof createApp>;
let incidentId = '';
beforeAll(async () => {
  db = await Db.open(tmp.path('store.duckdb'));
  const s: Services = { db, config: loadConfig({ REBOUND_DEMO: '0', MAILGUN_WEBHOOK_SIGNING_KEY: 'key-0123456789abcdef' }), now: () => new Date(), localToken: null };
  app = createApp(s);
  const res = await app.request('/api/incidents', {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Headers', kind: 'other', severity: 'low', occurred_at: '2026-03-02T08:00:00Z', streams: ['promo'] }),
  });
  incidentId = ((await res.json()) as { id: string }).id;
});
afterAll(() => db.close());

describe('security headers and content security policy', () => {
  function directives(csp: string): Map<string, string[]> {
    return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((p) => p[0]).map(([name, ...values]) => [name ?? '', values]));
  }

  const dashboard = existsSync(join(DASHBOARD_DIR, 'index.html'));
  const paths: [string, string][] = [
    ['GET', '/api/health'], ['GET', '/api/incidents'], ['GET', '/api/openapi.json'], ['GET', '/api/no-such-route'], ['POST', '/api/incidents'],
    ['GET', '/api/reports/2026-W06?format=csv'], ['GET', '/api/reports/2026-W06?format=html'],
    ...(dashboard ? ([['GET', '/'], ['GET', '/incidents/inc-1'], ['GET', '/index.html']] as [string, string][]) : []),
  ];

  it.each(paths)('%s %s carries the CSP and the hardening headers', async (method, path) => {
    const res = await app.request(path, { method, ...(method === 'POST' ? { body: '{', headers: { 'content-type': 'application/json' } } : {}) });
    const csp = res.headers.get('content-security-policy') ?? '';
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    // Scripts only from the app's own origin: no inline script, no eval, so injected markup cannot run.
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.skipIf(!dashboard)('the dashboard page loads no inline script that the CSP would block', async () => {
    const html = await (await app.request('/')).text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  });
});

describe('request body limits', () => {
  const big = (bytes: number, fill = 'a') => fill.repeat(bytes);
  const over = (limit: number) => limit + 1024;

  async function expect413(path: string, init: RequestInit): Promise<void> {
    const before = await tableCounts(db);
    const res = await app.request(path, init);
    expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 200)}`).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    expect(await tableCounts(db)).toEqual(before);
  }

  it('a JSON batch of events over 10 MiB is 413', async () => {
    const events = JSON.stringify({ events: [{ type: 'delivery', diagnostic: big(over(MAX_JSON_BATCH_BYTES)) }] });
    await expect413('/api/events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: events });
  });

  it('a webhook post over 10 MiB is 413', async () => {
    await expect413('/api/webhooks/mailgun', { method: 'POST', headers: { 'content-type': 'application/json' }, body: big(over(MAX_WEBHOOK_BYTES)) });
  });

  it('an apology draft over 10 MiB is 413, as JSON and as message/rfc822', async () => {
    const path = `/api/incidents/${incidentId}/apology/check`;
    await expect413(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: 'a@b.c', text: big(over(MAX_EML_BYTES)) }) });
    await expect413(path, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: `From: a@b.c\r\n\r\n${big(over(MAX_EML_BYTES))}` });
  });

  it('a multipart upload over its cap is 413, with or without a Content-Length', async () => {
    const form = () => {
      const f = new FormData();
      f.append('file', new Blob([Buffer.alloc(over(MAX_MULTIPART_BYTES), 'a')]), 'big.csv');
      return f;
    };
    const encoded = new Response(form());
    const type = encoded.headers.get('content-type') ?? '';
    const bytes = Buffer.from(await encoded.arrayBuffer());
    await expect413('/api/ingest', { method: 'POST', headers: { 'content-type': type, 'content-length': String(bytes.length) }, body: bytes });
    // Chunked (no Content-Length): the body is counted as it streams, not trusted from a header.
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let at = 0; at < bytes.length; at += 1 << 20) c.enqueue(bytes.subarray(at, at + (1 << 20)));
        c.close();
      },
    });
    await expect413('/api/ingest', { method: 'POST', headers: { 'content-type': type }, body: stream, duplex: 'half' } as RequestInit);
  }, 60_000);

  it.each([
    ['POST', '/api/incidents'], ['PATCH', '/api/incidents/:id'], ['POST', '/api/alerts/rules'], ['POST', '/api/incidents/:id/annotations'],
  ])('a JSON body of 20 MiB to %s %s is 413, not buffered and parsed', async (method, path) => {
    const body = JSON.stringify({ title: big(20 * 1024 ** 2), name: 'x', label: 'x' });
    await expect413(path.replace(':id', incidentId), { method, headers: { 'content-type': 'application/json' }, body });
  });
});
