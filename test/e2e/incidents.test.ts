// The demo incident in a real browser: the list loads with its status, filters change the URL and the rows,
// the incident page shows a chart per metric with the band and the flagged points, the table sorts, and the
// checklist saves through the API. Screenshots at 1280 px and at a narrow width.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Recovery } from '#shared/schema/recovery.ts';
import { launchBrowser, NARROW, openPage, renderAllCharts, screenshot, type OpenedPage } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

let server: TestServer;
let browser: Browser;
let demo: Incident;
let recovery: Recovery;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_DEMO: '1' }), launchBrowser()]);
  const list = (await (await server.api('/api/incidents')).json()) as { incidents: Incident[] };
  const found = list.incidents.find((i) => i.demo);
  if (!found) throw new Error('the demo data set has no incident');
  demo = found;
  recovery = (await (await server.api(`/api/incidents/${demo.id}/recovery`)).json()) as Recovery;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function opened(viewport?: { width: number; height: number }): Promise<OpenedPage> {
  return openPage(browser, viewport);
}

const rowCount = (page: Page) => page.locator('table.incidents-table tbody tr').count();

describe('incidents list', () => {
  it('shows the demo incident with its status as a word, and filters by status and stream in the URL', async () => {
    const { page, errors, context } = await opened();
    await page.goto(`${server.url}/`);
    const row = page.locator('table.incidents-table tbody tr', { hasText: demo.title });
    await expect.poll(() => row.count()).toBe(1);
    const statusLabel = { degraded: 'Degraded', recovering: 'Recovering', recovered: 'Recovered', unaffected: 'Unaffected', insufficient_data: 'Insufficient data' }[recovery.status];
    await expect.poll(() => row.locator('.badge').first().textContent()).toBe(statusLabel);
    await expect.poll(() => row.textContent()).toContain('Demo');
    await screenshot(page, 'list-1280');

    // A status no incident has: the empty state, and the filter is in the URL (a deep link).
    const other = recovery.status === 'recovered' ? 'degraded' : 'recovered';
    await page.getByLabel('Status').selectOption(other);
    await expect.poll(() => page.url()).toContain(`status=${other}`);
    await expect.poll(() => page.getByText('No incident matches these filters.').count()).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rowCount(page)).toBe(1);

    const stream = demo.streams[0] ?? '';
    await page.getByLabel('Stream').selectOption(stream);
    await expect.poll(() => page.url()).toContain(`stream=${stream}`);
    await expect.poll(() => rowCount(page)).toBe(1);

    // The deep link alone reproduces the filtered view.
    await page.goto(`${server.url}/?status=${other}`);
    await expect.poll(() => page.getByText('No incident matches these filters.').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('incident page', () => {
  it('draws a chart per metric with the baseline band and the flagged points', async () => {
    const { page, errors, context } = await opened();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: demo.title }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/incidents/${demo.id}`);
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await renderAllCharts(page);
    const metrics = [...new Set(recovery.series.map((s) => s.metric))];
    expect(await page.locator('section.metric-group').count()).toBe(metrics.length);
    for (const m of metrics) expect(await page.locator(`figure.chart[data-metric="${m}"]`).count()).toBeGreaterThan(0);
    // The band is drawn as an area in every chart that has a baseline.
    expect(await page.locator('figure.chart .recharts-area-area').count()).toBeGreaterThan(0);
    // Every flagged observation of the API is marked, with a shape per verdict.
    const flagged = recovery.series.flatMap((s) => s.points).filter((p) => p.verdict !== 'ok').length;
    expect(flagged).toBeGreaterThan(0);
    expect(await page.locator('path[data-verdict="dip"], path[data-verdict="severe"]').count()).toBe(flagged);
    await expect.poll(() => page.locator('.incident-header').textContent()).toContain('Occurred');
    await screenshot(page, 'incident-1280');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters the charts by metric through the URL and sorts the series table', async () => {
    const { page, errors, context } = await opened();
    const metric = recovery.series[0]?.metric ?? 'hard_bounce_rate';
    await page.goto(`${server.url}/incidents/${demo.id}?metric=${metric}&all=true`);
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.locator('section.metric-group').count()).toBe(1);
    const rows = page.locator('table.series-table tbody tr');
    expect(await rows.count()).toBe(recovery.series.filter((s) => s.metric === metric).length);

    await page.getByRole('button', { name: 'Stream' }).click();
    await expect.poll(() => page.url()).toContain('sort=stream');
    const streams = await page.locator('table.series-table tbody tr td:nth-child(2)').allTextContents();
    expect(streams).toEqual([...streams].sort((a, b) => a.localeCompare(b)));
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Stream');

    await page.getByLabel('Time range').selectOption('7d');
    await expect.poll(() => page.url()).toContain('range=7d');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves a checklist step and its owner through the API', async () => {
    // proceed_carefully is still open in the demo data set (its earlier steps are done).
    const { page, errors, context } = await opened();
    await page.goto(`${server.url}/incidents/${demo.id}`);
    const owner = page.locator('#owner-proceed_carefully');
    await owner.fill('Robin (deliverability)');
    await owner.press('Enter');
    await expect.poll(() => page.locator('li[data-step="proceed_carefully"] input[type="checkbox"]').isEnabled()).toBe(true);
    await expect.poll(() => page.locator('#owner-proceed_carefully').inputValue()).toBe('Robin (deliverability)');
    // A click, not check(): the box is saved through the API and the row re-renders from the saved incident.
    await page.locator('li[data-step="proceed_carefully"] input[type="checkbox"]').click();
    await expect.poll(async () => {
      const inc = (await (await server.api(`/api/incidents/${demo.id}`)).json()) as Incident;
      const step = inc.checklist.find((c) => c.step === 'proceed_carefully');
      return [step?.owner, step?.done_at !== null];
    }).toEqual(['Robin (deliverability)', true]);
    await expect.poll(() => page.locator('li[data-step="proceed_carefully"] .step-state').textContent()).toContain('Done');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads at a narrow width', async () => {
    const { page, errors, context } = await opened(NARROW);
    await page.goto(`${server.url}/incidents/${demo.id}`);
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // No horizontal scrolling of the page itself: wide tables scroll inside their own box.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'incident-narrow');
    expect(errors).toEqual([]);
    await context.close();
  });
});
