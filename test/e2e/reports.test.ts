// The reports page: generating the previous week (the default of the week input) stores its HTML, CSV and PDF,
// which are then listed with working links.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoWeek, isoWeekOf } from '#shared/iso-week.ts';
import { launchBrowser, NARROW, openPage, screenshot } from '../../harness/browser.ts';
import { loadSends, recentScenario } from './fixtures.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const WEEK_MS = 7 * 86_400_000;
let server: TestServer;
let browser: Browser;
const scenario = recentScenario();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await loadSends(server, scenario);
  const res = await server.api('/api/incidents', {
    body: { title: 'Newsletter merge tag broke', kind: 'broken_content', severity: 'high', occurred_at: scenario.occurred_at, streams: ['newsletter'] },
  });
  if (res.status !== 201) throw new Error(`creating the incident failed: ${res.status} ${await res.text()}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reports page', () => {
  it('generates the previous week and lists its HTML, CSV and PDF', async () => {
    const before = new Date(Date.now() - WEEK_MS);
    const previous = formatIsoWeek(isoWeekOf({ year: before.getUTCFullYear(), month: before.getUTCMonth() + 1, day: before.getUTCDate() }));
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Reports' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Reports');
    await expect.poll(() => page.getByText('No report stored yet.', { exact: false }).count()).toBe(1);
    expect(await page.getByLabel('ISO week').inputValue()).toBe(previous);

    await page.getByRole('button', { name: 'Generate report' }).click();
    await expect.poll(() => page.locator('.notice.ok').textContent(), { timeout: 30_000 }).toContain(`Report for ${previous} ready`);
    const row = page.locator(`table.reports-table tr[data-week="${previous}"]`);
    await expect.poll(() => row.count()).toBe(1);
    for (const f of ['HTML', 'CSV', 'PDF']) expect(await row.getByRole('link', { name: `${f} report for ${previous}` }).count()).toBe(1);

    const pdf = await row.getByRole('link', { name: `PDF report for ${previous}` }).getAttribute('href');
    const res = await server.api(pdf ?? '');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const html = await row.getByRole('link', { name: `HTML report for ${previous}` }).getAttribute('href');
    expect((await server.api(html ?? '')).headers.get('content-type')).toMatch(/^text\/html/);
    await screenshot(page, 'reports-1280');

    // A malformed week is named by the field, and nothing is requested.
    await page.getByLabel('ISO week').evaluate((el: HTMLInputElement) => { el.type = 'text'; });
    await page.getByLabel('ISO week').fill('2026-13');
    await page.getByRole('button', { name: 'Generate report' }).click();
    await expect.poll(() => page.locator('#report-week-error').textContent()).toContain('ISO week');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads at a narrow width', async () => {
    const { page, errors, context } = await openPage(browser, NARROW);
    await page.goto(`${server.url}/reports`);
    await expect.poll(() => page.locator('table.reports-table tbody tr').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'reports-narrow');
    expect(errors).toEqual([]);
    await context.close();
  });
});
