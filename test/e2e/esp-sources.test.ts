// The data page shows each configured ESP metrics pull before its first run, and an admin's "Pull now" runs one
// against a local endpoint answering in SendGrid's documented shape: the row turns OK and shows what it stored.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeEsp } from '../integration/esp/fake-esp.ts';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const KEY = 'SG.local-e2e-key-0123456789abcdef';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const fake = new FakeEsp((url) => (url.pathname === '/v3/mailbox_providers/stats'
  ? { body: [{ date: yesterday, stats: ['Gmail', 'Yahoo'].map((name) => ({ type: 'esp', name, metrics: { blocks: 1, bounces: 2, deferred: 0, delivered: 90, drops: 0, processed: 93, requests: 93, spam_reports: 1 } })) }] }
  : null), (req) => (req.headers.authorization === `Bearer ${KEY}` ? null : { status: 401, body: { errors: [{ message: 'authorization required' }] } }));

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  const base = await fake.start();
  [server, browser] = await Promise.all([startServer({
    SENDGRID_API_KEY: KEY, SENDGRID_API_ENDPOINT: base,
    POSTMARK_SERVER_TOKEN: 'local-postmark-token-0123456789', POSTMARK_API_ENDPOINT: base,
    MAILGUN_API_KEY: 'key-local-mailgun-0123456789', MAILGUN_DOMAINS: 'mg.example.com', MAILGUN_API_ENDPOINT: base,
  }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake.stop();
});

describe('ESP metrics pulls on the data page', () => {
  it('lists each configured ESP and runs one on demand', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/data`);
    const rows = page.locator('table.sources-table tr[data-source]');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-source')))).toEqual(['sendgrid', 'postmark', 'mailgun']);
    const row = page.locator('table.sources-table tr[data-source="sendgrid"]');
    expect(await row.textContent()).toContain('SendGrid metrics');
    expect(await page.locator('table.sources-table tr[data-source="postmark"]').textContent()).toContain('Postmark outbound stats');
    expect(await row.locator('.badge').textContent()).toBe('No run yet');

    await row.getByRole('button', { name: 'Pull SendGrid metrics now' }).click();
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 20_000 }).toBe('OK');
    // Two providers of one day: two send summaries stored.
    expect(await row.textContent()).toMatch(/\b2\b/);
    await screenshot(page, 'data-esp-sources');
    expect(errors).toEqual([]);
    await context.close();
  });
});
