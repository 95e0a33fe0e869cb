// The providers' status on the data page: after an admin pulls Postmaster Tools and SNDS (local fakes answering
// the documented formats), the non-compliant domain and the blocked IP ranges stand out, with what needs work.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeReputationApis } from '../integration/fake-reputation-apis.ts';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const KEY = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
const TOKEN = 'ya29.local-test-access-token';
let fake: FakeReputationApis;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  fake = new FakeReputationApis(KEY, TOKEN);
  const base = await fake.start();
  [server, browser] = await Promise.all([startServer({
    POSTMASTER_ACCESS_TOKEN: TOKEN, POSTMASTER_API_ENDPOINT: base, SNDS_KEY: KEY, SNDS_API_ENDPOINT: `${base}/snds`,
    SNDS_IP_STREAMS: '203.0.113.8=news.example.com',
  }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.stop();
});

describe('provider status on the data page', () => {
  it('shows a non-compliant domain and blocked IP ranges after a pull', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/data`);
    const panel = page.getByTestId('provider-status');
    await expect.poll(() => panel.textContent()).toContain('No compliance status pulled yet');
    for (const name of ['Gmail Postmaster Tools', 'Microsoft SNDS']) {
      await page.getByRole('button', { name: `Pull ${name} now` }).click();
      await expect.poll(() => page.locator(`tr[data-source] [role="status"]`).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    const domain = panel.locator('[data-domain="news.example.com"]');
    await expect.poll(() => domain.count(), { timeout: 20_000 }).toBe(1);
    expect(await domain.locator('h3 .badge').textContent()).toBe('Non-compliant');
    expect(await domain.getByRole('alert').textContent()).toMatch(/Needs work: One-click unsubscribe \(NO_UNSUB_PROMO_SPAM_REPORTS\); User-reported spam rate below the limit/);
    expect(await domain.locator('tr[data-requirement="SPF"] .badge').textContent()).toBe('Compliant');

    await expect.poll(() => panel.locator('tr[data-range]').count(), { timeout: 20_000 }).toBe(3);
    const blocked = panel.locator('tr.row-bad');
    expect(await blocked.count()).toBe(2);
    expect(await panel.locator('tr[data-range="203.0.113.8-203.0.113.8"]').textContent()).toMatch(/Blocked.*Blocked due to user complaints.*news\.example\.com/);
    expect(await panel.locator('tr[data-range="203.0.113.7-203.0.113.7"] .badge').textContent()).toBe('Listed, not blocked');
    await screenshot(page, 'data-provider-status');
    expect(errors).toEqual([]);
    await context.close();
  });

  // Uses the state the pulls of the test above stored.
  it("shows on an incident page only what concerns the incident's streams", async () => {
    const res = await server.api('/api/incidents', { body: { title: 'Wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: '2026-03-01T09:00:00Z', streams: ['news.example.com'] } });
    const { id } = (await res.json()) as { id: string };
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/incidents/${id}`);
    const panel = page.getByTestId('provider-status');
    await expect.poll(() => panel.locator('tr[data-range]').count(), { timeout: 20_000 }).toBe(1);
    expect(await panel.locator('tr[data-range="203.0.113.8-203.0.113.8"]').count()).toBe(1);
    expect(await panel.locator('[data-domain="news.example.com"] h3 .badge').textContent()).toBe('Non-compliant');
    expect(errors).toEqual([]);
    await context.close();
  });
});
