// The dashboard watches with you (docs/alerts.md): an open incident page updates after new data is ingested and
// an evaluation runs through the API — its status, its series — without a reload; the data page lists a new
// ingest as it lands; the header's live status (a polite live region) says when the data was last evaluated; and
// what it adds passes axe-core. With tokens, the stream opens with a ticket.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Recovery } from '#shared/schema/recovery.ts';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { smallScenario } from './fixtures.ts';
import { startServer, toCsv, type TestServer } from '../../harness/server.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const STATUS_LABEL: Record<Recovery['status'], string> = { degraded: 'Degraded', recovering: 'Recovering', recovered: 'Recovered', unaffected: 'Unaffected', insufficient_data: 'Insufficient data' };
const VIEWER = 'viewer-token-for-live-e2e';
const ADMIN = 'admin-token-for-live-e2e-0';

let server: TestServer;
let browser: Browser;
const sc = smallScenario();
const before = sc.sends.filter((r) => r.sent_at < sc.occurred_at);
const after = sc.sends.filter((r) => r.sent_at >= sc.occurred_at);

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_TOKENS: `viewer:${VIEWER},admin:${ADMIN}` }), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Access token').fill(VIEWER);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const ingest = async (rows: readonly object[], name: string) => {
  const res = await server.api(`/api/ingest?name=${name}`, { body: toCsv(rows), type: 'text/csv', token: ADMIN });
  expect(res.status).toBe(200);
};
const axeViolations = async (page: Page, selector: string) => {
  await page.evaluate(AXE);
  return page.evaluate(`axe.run(document.querySelector(${JSON.stringify(selector)})).then((r) => r.violations.map((v) => v.id + ': ' + v.help))`);
};

describe('a page that watches with you', () => {
  it('updates an open incident after an ingest and an evaluation, without a reload', async () => {
    await ingest(before, 'baseline.csv');
    const created = await server.api('/api/incidents', { token: ADMIN, body: { title: 'Newsletter to the wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: sc.occurred_at, streams: ['newsletter'] } });
    const incident = (await created.json()) as Incident;
    await server.api('/api/evaluate', { method: 'POST', token: ADMIN });
    const first = (await (await server.api(`/api/incidents/${incident.id}/recovery`, { token: VIEWER })).json()) as Recovery;

    const { page, errors, context } = await openPage(browser);
    await signIn(page, `/incidents/${incident.id}`);
    const badge = page.locator('.incident-header .incident-title .badge').first();
    await expect.poll(() => badge.textContent()).toBe(STATUS_LABEL[first.status]);
    const liveStatus = page.locator('.live-status');
    await expect.poll(() => liveStatus.textContent(), { timeout: 15_000 }).toMatch(/^Live: data last evaluated \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(await liveStatus.getAttribute('role')).toBe('status');
    expect(await liveStatus.getAttribute('aria-live')).toBe('polite');
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    // The sends after the incident arrive, and the evaluation runs, through the API — not through this page.
    await ingest(after, 'after.csv');
    const evaluated = await server.api('/api/evaluate', { method: 'POST', token: ADMIN });
    expect(evaluated.status).toBe(200);
    const now = (await (await server.api(`/api/incidents/${incident.id}/recovery`, { token: VIEWER })).json()) as Recovery;
    expect(now.status).not.toBe(first.status);

    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe(STATUS_LABEL[now.status]);
    // The series table lists the dipped series now (it opens on series that dipped).
    await expect.poll(() => page.locator('#series-title').textContent(), { timeout: 15_000 }).toMatch(/^Series [1-9]\d* of \d+$/);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await liveStatus.textContent()).toMatch(/^Live: data last evaluated /);

    expect(await axeViolations(page, '.app-header')).toEqual([]);
    await screenshot(page, 'live-incident-updated');
    expect(errors).toEqual([]);
    await context.close();
    // Two ingests, two evaluations and a page load: under a loaded machine this outgrew the default 30 s.
  }, 120_000);

  it('lists a new ingest on the open data page as it lands', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, '/data');
    const runs = page.getByText('late-sends.csv');
    await expect.poll(() => page.locator('.live-status').textContent(), { timeout: 15_000 }).toMatch(/^Live: /);
    expect(await runs.count()).toBe(0);
    await ingest([{ ...sc.sends[0], send_id: 'late-1', sent_at: sc.sends.at(-1)?.sent_at }], 'late-sends.csv');
    await expect.poll(() => runs.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
