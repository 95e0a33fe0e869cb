// With REBOUND_TOKENS set: the dashboard asks for a token once, rejects a wrong one, and hides what the role
// may not do (a viewer sees no edit controls; an editor does).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '#shared/schema/incidents.ts';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const VIEWER = 'viewer-token-0123456789';
const EDITOR = 'editor-token-0123456789';

let server: TestServer;
let browser: Browser;
let incident: Incident;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR}` }), launchBrowser()]);
  const res = await server.api('/api/incidents', {
    token: EDITOR,
    body: { title: 'Promo to old segment', kind: 'wrong_segment', severity: 'medium', occurred_at: '2026-03-01T10:00:00Z', streams: ['promotions'] },
  });
  incident = (await res.json()) as Incident;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sign-in with tokens', () => {
  it('lets a viewer read but shows no edit controls', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/incidents/${incident.id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Rebound' }).count()).toBe(1);

    await page.getByLabel('Access token').fill('not-a-valid-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('That token is not valid.').count()).toBe(1);

    await page.getByLabel('Access token').fill(VIEWER);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The deep link survives the sign-in.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Promo to old segment');
    expect(await page.getByText('Signed in as viewer').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Declare incident' }).count()).toBe(0);
    expect(await page.locator('.checklist input').count()).toBe(0);
    expect(await page.locator('textarea#notes').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Mark (contained|resolved)/ }).count()).toBe(0);
    // The timeline is read-only and the apology check (a write) is not offered.
    expect(await page.getByRole('form', { name: 'Add to the timeline' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Apology draft' }).count()).toBe(0);
    await screenshot(page, 'viewer-incident');

    // The token is kept for the browser session: a reload stays signed in.
    await page.reload();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Promo to old segment');
    await page.goto(`${server.url}/data`);
    await expect.poll(() => page.getByText('Your role can read the data but not load files.').count()).toBe(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Sign in to Rebound' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('gives an editor the edit controls', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/incidents/${incident.id}`);
    await page.getByLabel('Access token').fill(EDITOR);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Promo to old segment');
    expect(await page.getByRole('link', { name: 'Declare incident' }).count()).toBe(1);
    // The six steps and the items the incident's kind adds to them.
    expect(await page.locator('.checklist input[type="checkbox"]').count()).toBe(incident.checklist.length);
    expect(await page.getByRole('form', { name: 'Add to the timeline' }).count()).toBe(1);
    expect(await page.getByRole('form', { name: 'Apology draft' }).count()).toBe(1);
    await page.locator('textarea#notes').fill('Segment query fixed.');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect.poll(async () => ((await (await server.api(`/api/incidents/${incident.id}`, { token: VIEWER })).json()) as Incident).notes).toBe('Segment query fixed.');
    expect(errors).toEqual([]);
    await context.close();
  });
});
