// Declaring an incident through the form on data loaded through the API: a bad field is named next to the
// field and nothing is created; once fixed, the new incident's page opens and evaluates the loaded sends.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '#shared/schema/incidents.ts';
import { launchBrowser, openPage, renderAllCharts, screenshot } from '../../harness/browser.ts';
import { loadSends, smallScenario } from './fixtures.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

let server: TestServer;
let browser: Browser;
const scenario = smallScenario();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await loadSends(server, scenario);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const incidents = async () => ((await (await server.api('/api/incidents')).json()) as { incidents: Incident[] }).incidents;

describe('declare an incident', () => {
  it('shows the validation error for a bad field, then declares the incident and opens its page', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByText('No incidents yet').count()).toBe(1);
    await page.getByRole('link', { name: 'Declare incident' }).first().click();
    await expect.poll(() => page.url()).toBe(`${server.url}/incidents/new`);

    await page.getByLabel('Title').fill('Newsletter merge tag broke');
    await page.getByLabel('Kind').selectOption('broken_content');
    await page.getByLabel('Severity').selectOption('high');
    // datetime-local wants "YYYY-MM-DDTHH:MM"; the form reads it as UTC.
    await page.getByLabel('Occurred at (UTC)').fill(scenario.occurred_at.slice(0, 16));
    await page.getByRole('button', { name: '+ newsletter' }).click();
    await page.getByLabel('Baseline days').fill('0');
    await page.getByRole('button', { name: 'Declare incident' }).click();

    const baseline = page.getByLabel('Baseline days');
    await expect.poll(() => baseline.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => page.locator('#f-baseline-error').textContent()).toMatch(/1/);
    await expect.poll(() => page.locator('.error-box[role="alert"]').count()).toBe(1);
    await screenshot(page, 'declare-invalid');
    expect(await incidents()).toEqual([]);

    await baseline.fill('28');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await expect.poll(() => page.url()).toMatch(/\/incidents\/inc-\d+$/);
    const created = (await incidents())[0];
    expect(created).toMatchObject({ title: 'Newsletter merge tag broke', kind: 'broken_content', severity: 'high', streams: ['newsletter'], baseline_days: 28 });
    expect(created?.occurred_at).toBe(new Date(Date.parse(scenario.occurred_at)).toISOString());

    await expect.poll(() => page.locator('h1').textContent()).toBe('Newsletter merge tag broke');
    // The sends loaded through the API are evaluated against the new incident.
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await renderAllCharts(page);
    expect(await page.locator('figure.chart[data-metric="complaint_rate"]').count()).toBeGreaterThan(0);
    // The injected complaint spike on newsletter is flagged.
    expect(await page.locator('figure.chart[data-metric="complaint_rate"] path[data-verdict="dip"], figure.chart[data-metric="complaint_rate"] path[data-verdict="severe"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'declared-incident');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('declares an incident of every stream with the "Every stream" box: sent as ["*"], shown as all streams', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/incidents/new`);
    await page.getByLabel('Title').fill('Shared IP pool on a blocklist');
    await page.getByLabel('Kind').selectOption('infrastructure');
    await page.getByLabel('Severity').selectOption('critical');
    await page.getByLabel('Occurred at (UTC)').fill(scenario.occurred_at.slice(0, 16));
    await page.getByLabel('Affected streams').fill('newsletter');
    await page.getByRole('checkbox', { name: /Every stream/ }).check();
    expect(await page.getByLabel('Affected streams').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await expect.poll(() => page.url()).toMatch(/\/incidents\/inc-\d+$/);
    const created = (await incidents()).find((i) => i.title === 'Shared IP pool on a blocklist');
    expect(created?.streams).toEqual(['*']);
    await expect.poll(() => page.getByText('Streams: all streams').count()).toBe(1);
    // Every stream of the loaded sends is evaluated.
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const evaluated = async () => {
      const body = (await (await server.api(`/api/incidents/${created?.id}/recovery`)).json()) as { series: { stream: string }[] };
      return [...new Set(body.series.map((x) => x.stream))].sort();
    };
    await expect.poll(evaluated).toEqual([...new Set(scenario.sends.map((r) => r.stream))].sort());
    await screenshot(page, 'declared-all-streams');
    expect(errors).toEqual([]);
    await context.close();
  });
});
