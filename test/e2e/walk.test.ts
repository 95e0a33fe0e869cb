// The incident walk (docs/incidents.md), in a real browser against the real server (temp store, demo off): sends loaded through the
// API, the incident declared in the form, checklist steps ticked with owners, a "campaign paused" annotation drawn
// on every chart, an apology draft blocked for its no-reply sender and then passed, and the incident's status
// "Recovered" with its time to recover. Screenshots at 1280 px and at a narrow width.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '#shared/schema/incidents.ts';
import { launchBrowser, NARROW, openPage, renderAllCharts, screenshot } from '../../harness/browser.ts';
import { loadSends, recentScenario } from './fixtures.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const HOUR_MS = 3_600_000;
let server: TestServer;
let browser: Browser;
const scenario = recentScenario();

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  await loadSends(server, scenario);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const GOOD_DRAFT = {
  subject: 'Our mistake in yesterday’s newsletter',
  from: 'Acme News <news@acme.example>',
  text: "We're sorry. Yesterday's newsletter greeted you with a broken merge tag instead of your name. We have fixed the template and checked every send since. If you have questions, reply to this email.",
};

async function declare(page: Page): Promise<string> {
  await page.goto(`${server.url}/incidents/new`);
  await page.getByLabel('Title').fill('Newsletter merge tag broke');
  await page.getByLabel('Kind').selectOption('broken_content');
  await page.getByLabel('Severity').selectOption('high');
  await page.getByLabel('Occurred at (UTC)').fill(scenario.occurred_at.slice(0, 16));
  await page.getByRole('button', { name: '+ newsletter' }).click();
  await page.getByRole('button', { name: 'Declare incident' }).click();
  await expect.poll(() => page.url()).toMatch(/\/incidents\/inc-\d+$/);
  return decodeURIComponent(page.url().split('/').pop() ?? '');
}

async function tick(page: Page, step: string, owner: string): Promise<void> {
  const row = page.locator(`li[data-step="${step}"]`);
  await page.locator(`#owner-${step}`).fill(owner);
  await page.locator(`#owner-${step}`).press('Enter');
  await expect.poll(() => row.locator('input[type="checkbox"]').isEnabled()).toBe(true);
  await row.locator('input[type="checkbox"]').click();
  await expect.poll(() => row.locator('.step-state').textContent()).toMatch(/^Done \d/);
}

async function checkDraft(page: Page, from: string): Promise<void> {
  await page.getByLabel('Subject').fill(GOOD_DRAFT.subject);
  await page.getByLabel('From', { exact: true }).fill(from);
  await page.getByLabel('Text body').fill(GOOD_DRAFT.text);
  await page.getByRole('button', { name: 'Check draft' }).click();
}

describe('the incident walk', () => {
  // The whole walk below, a dozen screens: well under 30 s on a quiet machine, but near it when other suites share the
  // two cores.
  it('declares, works the checklist, annotates the charts, checks the apology and shows the recovery', async () => {
    const { page, errors, context } = await openPage(browser);
    const id = await declare(page);
    await expect.poll(() => page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await tick(page, 'own_the_problem', 'Ana (email lead)');
    await tick(page, 'put_out_the_fire', 'Ben (ops)');
    const saved = (await (await server.api(`/api/incidents/${id}`)).json()) as Incident;
    expect(saved.checklist.filter((c) => c.done_at !== null).map((c) => [c.step, c.owner])).toEqual([
      ['own_the_problem', 'Ana (email lead)'], ['put_out_the_fire', 'Ben (ops)'],
    ]);

    // The campaign was paused three hours after the incident.
    const pausedAt = new Date(Date.parse(scenario.occurred_at) + 3 * HOUR_MS).toISOString();
    await page.getByLabel('What').selectOption('campaign_paused');
    await page.getByLabel('When (UTC)').fill(pausedAt.slice(0, 16));
    await page.getByLabel('Label').fill('campaign paused');
    await page.getByRole('button', { name: 'Add to timeline' }).click();
    await expect.poll(() => page.locator('ol.annotations li').count()).toBe(1);
    expect(await page.locator('ol.annotations li').textContent()).toContain('Campaign paused');
    await renderAllCharts(page);
    // Drawn on every chart of the incident, labelled.
    const charts = await page.locator('figure.chart').count();
    expect(charts).toBeGreaterThan(1);
    await expect.poll(() => page.locator('figure.chart[data-annotations="1"]').count()).toBe(charts);
    await expect.poll(() => page.locator('figure.chart .annotation-line').count()).toBe(charts);
    expect(await page.locator('figure.chart .recharts-label', { hasText: 'campaign paused' }).count()).toBe(charts);

    // A no-reply sender blocks the apology; a real one passes.
    await checkDraft(page, 'Acme <no-reply@acme.example>');
    const result = page.locator('.apology-result');
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('block');
    expect(await result.locator('.verdict-badge').textContent()).toBe('Block');
    const finding = result.locator('.finding[data-rule="no_reply"]');
    expect(await finding.getAttribute('data-severity')).toBe('block');
    expect(await finding.locator('.evidence').textContent()).toContain('no-reply@acme.example');
    expect(await finding.locator('.fix').textContent()).toMatch(/address people can answer/);
    await screenshot(page, 'walk-apology-block');
    await checkDraft(page, GOOD_DRAFT.from);
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('ok');
    expect(await result.locator('.verdict-badge').textContent()).toBe('OK');

    // The complaint spike ended more than a week ago: recovered, with the time it took.
    const header = page.locator('.incident-header');
    await expect.poll(() => header.locator('.incident-title .badge').first().textContent()).toBe('Recovered');
    const ttr = header.locator('.facts div', { hasText: 'Time to recover' }).locator('dd');
    expect(await ttr.textContent()).toMatch(/^(\d+ h|\d+(\.\d)? d) \(at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\)$/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'walk-1280');
    expect(errors).toEqual([]);
    await context.close();

    const narrow = await openPage(browser, NARROW);
    await narrow.page.goto(`${server.url}/incidents/${id}`);
    await expect.poll(() => narrow.page.locator('figure.chart').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await renderAllCharts(narrow.page);
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(narrow.page, 'walk-narrow');
    expect(narrow.errors).toEqual([]);
    await narrow.context.close();
  }, 90_000);
});
