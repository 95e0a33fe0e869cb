// A web page on another origin, in real Chromium, tries to drive a local-mode server (no tokens): store a CSV with
// a no-cors POST, upload multipart, run the evaluation, read the API. A page on a second local HTTP server (same
// site, another port) and one on a name mapped to 127.0.0.1 by --host-resolver-rules (another site) both try;
// a DNS-rebinding page (its own name resolving to 127.0.0.1, so the API looks same-origin to the browser) tries to
// read incidents and the affected-audience CSV. The store must not change, and every request must have reached
// the server and been refused (seen by the server's own HTTP layer), so a request the browser blocked on its own
// cannot pass for a refusal. The same script from the dashboard's own origin does store: the attack is real.
import diagnostics from 'node:diagnostics_channel';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestAllTables, type StoreDigest } from '../support/store-digest.ts';
import { launchBrowser, openPage } from '../../harness/browser.ts';
import { goodSendsCsv } from './fixtures.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const ATTACKER_PAGE = '<!doctype html><title>cute cats</title><p>Nothing to see here.</p>';
const TITLE = 'Breach at the sign-up form';

let server: TestServer;
let browser: Browser;
let other: Server;
let otherPort = 0;
let port = 0;

// The scheduler writes its own run log while the test runs; every table that a request could change is compared.
async function digest(): Promise<StoreDigest> {
  const all = await digestAllTables(server.running.services.db);
  delete all['job_runs'];
  return all;
}

/** Runs in the page: the requests a hostile page can send without any permission. */
function attack(page: Page, target: string, csv: string) {
  return page.evaluate(async ({ target, csv }) => {
    const out: Record<string, string> = {};
    const go = async (name: string, url: string, init: RequestInit) => {
      try {
        const res = await fetch(url, init);
        out[name] = `${res.type} ${res.status} ${res.type === 'opaque' ? '' : await res.text()}`;
      } catch (err) {
        out[name] = `error ${String(err)}`;
      }
    };
    await go('csv', `${target}/api/ingest?format=csv`, { method: 'POST', mode: 'no-cors', body: csv, headers: { 'content-type': 'text/plain' } });
    const form = new FormData();
    form.append('file', new Blob([csv.replace(/g-1/g, 'g-2')], { type: 'text/csv' }), 'sends.csv');
    await go('multipart', `${target}/api/ingest`, { method: 'POST', mode: 'no-cors', body: form });
    await go('evaluate', `${target}/api/evaluate`, { method: 'POST', mode: 'no-cors' });
    await go('read', `${target}/api/incidents`, {});
    return out;
  }, { target, csv });
}

/**
 * Every API request the Rebound server answered on `port` from now on: "METHOD path status", as the server's own
 * HTTP layer finished it (node:diagnostics_channel; the test server runs in this process). Chromium's DevTools
 * network log was read here before, and under load it dropped an answer's event now and then, though the request
 * had been answered; the server's side cannot miss one. `stop` ends the recording.
 */
function serverLog(port: number): { seen: string[]; stop: () => void } {
  const seen: string[] = [];
  const onFinish = (message: unknown) => {
    const { request, response, socket } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket };
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (socket.localPort === port && path.startsWith('/api/')) seen.push(`${request.method ?? ''} ${path} ${response.statusCode}`);
  };
  diagnostics.subscribe('http.server.response.finish', onFinish);
  return { seen, stop: () => diagnostics.unsubscribe('http.server.response.finish', onFinish) };
}

beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
  other = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACKER_PAGE));
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  const address = other.address();
  otherPort = typeof address === 'object' && address ? address.port : 0;
  // evil.test is another site; rebind.test plays a DNS-rebinding name: the attacker's, now pointing at loopback.
  // Chromium's own Local Network Access check would stop a page that came from a public address (the rebinding
  // page, served here by Playwright) from calling 127.0.0.1 at all; other browsers have no such check, and the
  // server must hold on its own, so the check is off.
  browser = await launchBrowser([
    '--host-resolver-rules=MAP evil.test 127.0.0.1, MAP rebind.test 127.0.0.1',
    '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests',
  ]);
  const created = await server.api('/api/incidents', { body: { title: TITLE, kind: 'data_breach', severity: 'high', occurred_at: '2026-03-01T10:00:00Z', streams: ['upload-test'] } });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => other?.close(resolve));
  await server?.stop();
});

describe('a page on another origin against a local-mode server', () => {
  it.each([
    ['another port of 127.0.0.1 (same site)', () => `http://127.0.0.1:${otherPort}/`],
    ['another site (evil.test)', () => `http://evil.test:${otherPort}/`],
  ])('%s: no write lands, nothing is read, and each request was refused by the server', async (_name, pageUrl) => {
    const { page, context } = await openPage(browser);
    const log = serverLog(port);
    const { seen } = log;
    await page.goto(pageUrl());
    expect(await page.title()).toBe('cute cats');
    const before = await digest();
    const out = await attack(page, server.url, goodSendsCsv());
    expect(out['read']).toMatch(/^error TypeError/);
    expect(out['read']).not.toContain(TITLE);
    expect(await digest()).toEqual(before);
    // On a failure, say which requests the server answered, so a request the browser never sent shows as such.
    await expect.poll(() => seen.length, { timeout: 15_000 }).toBe(4).catch((e: unknown) => {
      console.log(`requests seen: ${JSON.stringify(seen)}; page results: ${JSON.stringify(out)}`);
      throw e;
    });
    // All four reached the server (the browser did not stop them) and were answered 403.
    expect(seen.sort()).toEqual(['GET /api/incidents 403', 'POST /api/evaluate 403', 'POST /api/ingest 403', 'POST /api/ingest 403']);
    log.stop();
    await context.close();
  });

  it('a DNS-rebinding page (Host rebind.test) reads nothing: not the incidents, not the audience CSV', async () => {
    const { page, context } = await openPage(browser);
    const origin = `http://rebind.test:${port}`;
    // The attacker's server answered the first lookup of rebind.test with this page; now the name points at
    // 127.0.0.1, so the page's "same-origin" requests go to Rebound.
    await context.route(`${origin}/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: ATTACKER_PAGE }));
    const log = serverLog(port);
    const { seen } = log;
    await page.goto(`${origin}/`);
    const before = await digest();
    const out = await page.evaluate(async () => {
      const read = async (path: string, init: RequestInit = {}) => {
        const res = await fetch(path, init);
        return `${res.status} ${await res.text()}`;
      };
      const { incidents } = await (await fetch('/api/incidents', { headers: {} })).json().catch(() => ({ incidents: [] })) as { incidents?: { id: string }[] };
      return {
        incidents: await read('/api/incidents'),
        audience: await read(`/api/incidents/${incidents?.[0]?.id ?? 'inc-1'}/audience.csv`),
        health: await read('/api/health'),
        write: await read('/api/ingest?format=csv', { method: 'POST', body: 'send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\nr-1,x,gmail,2026-03-01T09:00:00Z,1,1,0,0,0,0,0\n', headers: { 'content-type': 'text/csv' } }),
      };
    });
    for (const [name, answer] of Object.entries(out)) {
      expect(answer, name).toMatch(/^403 /);
      expect(answer, name).not.toContain(TITLE);
    }
    expect(await digest()).toEqual(before);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((line) => line.endsWith(' 403'))).toBe(true);
    log.stop();
    await context.close();
  });

  it('the same script on the dashboard\'s own origin does store and read (the control: the attack is real)', async () => {
    const { page, context, errors } = await openPage(browser);
    await page.goto(`${server.url}/`);
    const before = await digest();
    // Send ids of its own: what the attacks above would have stored had they got through is then no duplicate.
    const out = await attack(page, server.url, goodSendsCsv().replace(/g-1/g, 'control-1'));
    expect(out['read']).toContain(TITLE);
    const after = await digest();
    expect(after['sends']).not.toBe(before['sends']);
    expect(after['ingest_runs']).not.toBe(before['ingest_runs']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
