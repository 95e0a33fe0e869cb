// The suspects page (docs/watch.md) in a real browser against the real server: a viewer's open page shows the
// suspect the next evaluation finds — its sentence and evidence charts — without a reload, and no declare or
// dismiss control; an editor dismisses one with the keyboard (who and why are required) and declares another,
// landing on the new incident. The page passes axe-core (WCAG 2 A/AA).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '#shared/scenario.ts';
import type { SuspectList } from '#shared/schema/suspects.ts';
import { launchBrowser, NARROW, openPage, renderAllCharts, screenshot } from '../../harness/browser.ts';
import { manyStreams } from '../../harness/watch-store.ts';
import { startServer, toCsv, type TestServer } from '../../harness/server.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWER = 'viewer-token-for-suspects-e2e';
const EDITOR = 'editor-token-for-suspects-e2e';
const DAY_MS = 86_400_000;

let server: TestServer;
let browser: Browser;

// Dated from today: three streams; stream-001 and stream-002 blocked at Yahoo, and stream-003 complaining at
// Gmail hours later, on the last two days' sends — two suspects (they share no stream or provider).
const sc = generateScenario({
  seed: 3,
  start: new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS - 37 * DAY_MS).toISOString(),
  baselineDays: 35,
  postDays: 2,
  streams: manyStreams(3).map((st, i) => ({ ...st, size: 200_000, hour: [6, 8, 20][i] ?? 6 })),
  incidents: [
    ...['stream-001', 'stream-002'].map((stream) => ({ stream, providers: ['yahoo' as const], metrics: ['block_rate' as const], peak: 6, decay: 1, sends: 2 })),
    { stream: 'stream-003', providers: ['gmail' as const], metrics: ['complaint_rate' as const], peak: 8, decay: 1, sends: 2 },
  ],
});

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR}` }), launchBrowser()]);
  const res = await server.api('/api/ingest?name=sends.csv', { body: toCsv(sc.sends), type: 'text/csv', token: EDITOR });
  expect(res.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, token: string, path = '/suspects'): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Suspected incidents');
}
const axeViolations = async (page: Page) => {
  await page.evaluate(AXE);
  return page.evaluate(`axe.run(document.querySelector('main')).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' ' + v.nodes.map((n) => n.html.slice(0, 200)).join(' | ')))`);
};
const cards = (page: Page) => page.locator('article.suspect');

describe('suspects page', () => {
  it('shows a viewer what the next evaluation finds, without a reload, and no declare or dismiss control', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, VIEWER);
    await expect.poll(() => page.getByText('The watch has not run yet').count()).toBe(1);
    expect(await page.getByText(/^No open suspects/).count()).toBe(1);
    await expect.poll(() => page.locator('.live-status').textContent(), { timeout: 15_000 }).toMatch(/^Live: /);
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    const evaluated = await server.api('/api/evaluate', { method: 'POST', token: EDITOR });
    expect(evaluated.status).toBe(200);
    await expect.poll(() => cards(page).count(), { timeout: 15_000 }).toBe(2);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    const titles = await page.locator('article.suspect h2').allTextContents();
    expect(titles).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Open Blocks rose at Yahoo on stream-001 and stream-002 since /),
      expect.stringMatching(/^Open Complaints rose at Gmail on stream-003 since /),
    ]));
    await renderAllCharts(page);
    // One evidence chart per stream of each suspect.
    expect(await page.locator('article.suspect .recharts-surface').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByRole('button', { name: /Declare/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Dismiss/ }).count()).toBe(0);
    expect(await page.getByText('Your role can read suspects; an editor can declare or dismiss them.').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'suspects-viewer');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('lets an editor dismiss one with the keyboard, saying who and why, and declare the other', async () => {
    // Runs alone too: an evaluation run raises the same two suspects, or finds them already raised.
    expect((await server.api('/api/evaluate', { method: 'POST', token: EDITOR })).status).toBe(200);
    const { page, errors, context } = await openPage(browser, NARROW);
    await signIn(page, EDITOR);
    await expect.poll(() => cards(page).count()).toBe(2);
    const complaints = cards(page).filter({ hasText: 'Complaints rose at Gmail' });
    await complaints.getByRole('button', { name: 'Dismiss…' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: /^Dismiss sus-/ });
    await expect.poll(() => form.count()).toBe(1);
    // Focus moved into the form (the button that opened it is gone).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toMatch(/^sus-\d+-by$/);
    // Who and why are required: submitting empty stops in the browser and nothing is sent.
    await form.getByRole('button', { name: 'Dismiss suspect' }).click();
    const list = async () => ((await (await server.api('/api/suspects', { token: VIEWER })).json()) as SuspectList).suspects;
    expect((await list()).every((x) => x.status === 'open')).toBe(true);
    await form.getByLabel('Your name').fill('Sam');
    await form.getByLabel('Why it is not an incident').fill('Planned re-permission campaign');
    await form.getByLabel('Why it is not an incident').press('Enter');
    await expect.poll(() => cards(page).count(), { timeout: 10_000 }).toBe(1);
    const dismissed = (await list()).find((x) => x.status === 'dismissed');
    expect(dismissed?.dismissed).toMatchObject({ by: 'Sam', reason: 'Planned re-permission campaign' });
    expect(dismissed?.streams).toEqual(['stream-003']);

    await page.getByLabel(/Also show declared and dismissed suspects/).check();
    await expect.poll(() => page.getByText('Dismissed by Sam').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    const blocks = cards(page).filter({ hasText: 'Blocks rose at Yahoo' });
    await blocks.getByRole('button', { name: 'Declare as incident…' }).click();
    const declare = page.getByRole('form', { name: /^Declare sus-/ });
    await declare.getByLabel('Kind').selectOption('infrastructure');
    await declare.getByLabel('Owner (optional)').fill('Dana');
    await screenshot(page, 'suspects-declare-narrow');
    await declare.getByRole('button', { name: 'Declare incident' }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/\/incidents\/inc-\d+$/);
    await expect.poll(() => page.locator('.incident-header').textContent()).toMatch(/stream-001/);
    const declared = (await list()).find((x) => x.status === 'declared');
    expect(declared?.incident_id).toBe(page.url().split('/').pop());
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
