// Local mode against other web sites and rebound DNS names, over real HTTP to the real server (server/main.ts):
// raw requests with exactly the Host, Origin and Sec-Fetch-* headers a browser or an attacker would send. Every
// refused write is checked against the store: nothing of it may land.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../harness/server.ts';

interface Answer { status: number; body: string }

/** One HTTP request with exactly these headers (fetch would not let a test set Host, Origin or Sec-Fetch-*). */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const CSV = 'send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\ns-1,promo,gmail,2026-03-01T10:00:00Z,100,95,1,1,1,0,0\n';
const INCIDENT = JSON.stringify({ title: 'Wrong segment', kind: 'wrong_segment', severity: 'low', occurred_at: '2026-03-01T10:00:00Z', streams: ['promo'] });

let local: TestServer;
let tokens: TestServer;
const ADMIN = 'admin-token-0123456789abcdef';
let host = '';

async function storedRows(s: TestServer): Promise<number> {
  const row = await s.running.services.db.one<{ n: number }>('SELECT (SELECT count(*) FROM sends) + (SELECT count(*) FROM incidents) + (SELECT count(*) FROM ingest_runs) AS n');
  return Number(row?.n);
}

beforeAll(async () => {
  [local, tokens] = await Promise.all([startServer(), startServer({ REBOUND_TOKENS: `admin:${ADMIN}` })]);
  host = new URL(local.url).host;
});
afterAll(async () => {
  await local?.stop();
  await tokens?.stop();
});

describe('local mode: the Host must be a loopback name', () => {
  const port = () => new URL(local.url).port;
  it('answers 127.0.0.1, localhost and [::1], with the port or without', async () => {
    for (const h of [host, `localhost:${port()}`, `LOCALHOST:${port()}`, `[::1]:${port()}`, '127.0.0.1', 'localhost']) {
      const res = await raw(local.url, 'GET', '/api/incidents', { host: h });
      expect(res.status, h).toBe(200);
    }
  });

  it('refuses every other name with 403, before any data is read: DNS rebinding gets nothing', async () => {
    const names = ['attacker.example', `attacker.example:${port()}`, `localhost.attacker.example:${port()}`, `127.0.0.1.nip.io:${port()}`,
      `localhost.:${port()}`, `app.localhost:${port()}`, `0.0.0.0:${port()}`, `127.0.0.2:${port()}`];
    for (const h of names) {
      for (const path of ['/api/incidents', '/api/health', '/api/data/summary', '/api/incidents/x/audience.csv', '/', '/api/openapi.json']) {
        const res = await raw(local.url, 'GET', path, { host: h });
        expect(res.status, `${h} ${path}`).toBe(403);
        expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'forbidden', details: [{ field: 'host' }] } });
      }
    }
    // A Host the HTTP layer cannot even turn into a URL is refused before the app (400).
    expect((await raw(local.url, 'GET', '/api/incidents', { host: `[::ffff:127.0.0.1]:${port()}` })).status).toBe(400);
    const before = await storedRows(local);
    const res = await raw(local.url, 'POST', '/api/ingest?format=csv', { host: `attacker.example:${port()}`, 'content-type': 'text/csv' }, CSV);
    expect(res.status).toBe(403);
    expect(await storedRows(local)).toBe(before);
  });

  it('lets ESP webhooks through a tunnel under its own name: the ESP signature still decides (no key set: 404)', async () => {
    const res = await raw(local.url, 'POST', '/api/webhooks/sendgrid', { host: 'abc.tunnel.example', 'content-type': 'application/json' }, '[]');
    expect(res.status).toBe(404);
    // Only the delivery route: any other webhook-looking request still needs a loopback name.
    expect((await raw(local.url, 'GET', '/api/webhooks/sendgrid', { host: 'abc.tunnel.example' })).status).toBe(403);
  });
});

describe('local mode: requests from other sites are refused', () => {
  // PORT stands for the server's port (known only once it listens).
  const crossings: [string, Record<string, string>][] = [
    ['Origin of another site', { origin: 'https://attacker.example' }],
    ['Origin of another port on this machine', { origin: 'http://127.0.0.1:PORT1' }],
    ['Origin localhost for a 127.0.0.1 server', { origin: 'http://localhost:PORT' }],
    ['Origin null (sandboxed frame, file: page)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' }],
    ['Sec-Fetch-Site: same-site (another port)', { 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors' }],
    ['a cross-site form post (a navigation)', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', origin: 'https://attacker.example' }],
  ];

  it.each(crossings)('%s: 403 on writes (CSV as text/plain, multipart, JSON, evaluate) and reads, nothing stored', async (_name, given) => {
    const port = Number(new URL(local.url).port);
    const headers = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, v.replace('PORT1', String(port + 1)).replace('PORT', String(port))]));
    const before = await storedRows(local);
    const boundary = '----rebound-test';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.csv"\r\nContent-Type: text/csv\r\n\r\n${CSV}\r\n--${boundary}--\r\n`;
    const tries: [string, string, Record<string, string>, string?][] = [
      ['POST', '/api/ingest?format=csv', { 'content-type': 'text/plain' }, CSV],
      ['POST', '/api/ingest', { 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart],
      ['POST', '/api/incidents', { 'content-type': 'text/plain' }, INCIDENT],
      ['POST', '/api/evaluate', {}, ''],
      ['GET', '/api/incidents', {}],
      ['GET', '/api/ingest/runs', {}],
    ];
    for (const [method, path, extra, body] of tries) {
      const res = await raw(local.url, method, path, { host, ...headers, ...extra }, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(JSON.parse(res.body).error.code).toBe('forbidden');
    }
    expect(await storedRows(local)).toBe(before);
  });

  it('serves the dashboard itself: same-origin requests and the CLI (no Origin, no Sec-Fetch-Site) write', async () => {
    const before = await storedRows(local);
    const same = await raw(local.url, 'POST', '/api/ingest?format=csv', { host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'content-type': 'text/csv' }, CSV);
    expect(same.status, same.body).toBe(200);
    // Node's fetch, as the CLI calls the running server.
    const cli = await fetch(`${local.url}/api/incidents`, { method: 'POST', body: INCIDENT, headers: { 'content-type': 'application/json' } });
    expect(cli.status).toBe(201);
    // An address typed into the browser, or a bookmark.
    expect((await raw(local.url, 'GET', '/api/incidents', { host, 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate' })).status).toBe(200);
    expect(await storedRows(local)).toBe(before + 3);
  });

  it('opens a dashboard page from a link on another site (a top-level navigation), never an API answer', async () => {
    const nav = { host, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    expect((await raw(local.url, 'GET', '/incidents/inc-1', nav)).status).not.toBe(403);
    expect((await raw(local.url, 'GET', '/api/incidents', nav)).status).toBe(403);
    expect((await raw(local.url, 'POST', '/incidents/inc-1', nav, '')).status).toBe(403);
  });
});

describe('with tokens', () => {
  const auth = { authorization: `Bearer ${ADMIN}` };
  it('serves any Host name (a reverse proxy forwards the public one)', async () => {
    expect((await raw(tokens.url, 'GET', '/api/incidents', { host: 'rebound.example.com', ...auth })).status).toBe(200);
  });

  it('still refuses a browser request labelled cross-site, even with a valid token', async () => {
    const before = await storedRows(tokens);
    const res = await raw(tokens.url, 'POST', '/api/incidents', { host: 'rebound.example.com', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json', ...auth }, INCIDENT);
    expect(res.status).toBe(403);
    expect((await raw(tokens.url, 'GET', '/api/incidents', { 'sec-fetch-site': 'cross-site', ...auth })).status).toBe(403);
    expect(await storedRows(tokens)).toBe(before);
    // Without the token nothing is served anyway.
    expect((await raw(tokens.url, 'GET', '/api/incidents', { origin: 'https://attacker.example' })).status).toBe(401);
  });
});
