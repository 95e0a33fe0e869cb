// The alerts page with REBOUND_TOKENS set: a viewer reads the rules (the three built-in ones) without any edit
// control; an admin's new rule is validated in the form (errors next to the fields), created and listed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '#shared/schema/alerts.ts';
import { launchBrowser, NARROW, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const VIEWER = 'viewer-token-0123456789';
const ADMIN = 'admin-token-0123456789';
const BUILTIN_RULES = 3;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_TOKENS: `viewer:${VIEWER},admin:${ADMIN}` }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/alerts`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Alerts');
}

const rules = async () => ((await (await server.api('/api/alerts/rules', { token: VIEWER })).json()) as { rules: AlertRule[] }).rules;
const ruleRows = (page: Page) => page.locator('table.rules-table tbody tr');

describe('alerts page', () => {
  it('shows a viewer the rules, what is firing and the emails, without edit controls', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, VIEWER);
    await expect.poll(() => ruleRows(page).count()).toBe(BUILTIN_RULES);
    expect(await page.locator('table.rules-table .badge.builtin').count()).toBe(BUILTIN_RULES);
    await expect.poll(() => page.getByText('Nothing is firing.').count()).toBe(1);
    expect(await page.getByText('No message has been queued.').count()).toBe(1);
    expect(await page.getByText('Only admins can change the rules.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'New rule' }).count()).toBe(0);
    expect(await page.locator('table.rules-table button').count()).toBe(0);
    expect(await page.locator('table.rules-table th', { hasText: 'Actions' }).count()).toBe(0);
    await screenshot(page, 'alerts-viewer');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lets an admin create a rule: errors by the fields first, then the rule is listed', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, ADMIN);
    await expect.poll(() => ruleRows(page).count()).toBe(BUILTIN_RULES);
    await page.getByRole('button', { name: 'New rule' }).click();
    const form = page.getByRole('form', { name: 'New alert rule' });

    // Nothing filled in: each missing field says so, and nothing reaches the API.
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => page.locator('#rule-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rule-condition').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rule-recipients').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rule-recipients-error').textContent()).toMatch(/recipient/);
    expect(await rules()).toHaveLength(BUILTIN_RULES);

    await form.getByLabel('Name').fill('Yahoo complaints on newsletter');
    await form.getByLabel('Metric').selectOption('complaint_rate');
    await form.getByLabel('Fires when').selectOption('threshold');
    await form.getByLabel('Threshold (%)').fill('0.5');
    await form.getByLabel('Streams').fill('newsletter');
    await form.getByLabel('Yahoo').check();
    // This server has no Slack webhook: the channel can be seen but not chosen.
    expect(await form.getByLabel('Slack').isDisabled()).toBe(true);
    expect(await form.getByLabel('Email').isDisabled()).toBe(false);
    await form.getByLabel('Recipients').fill('not-an-address');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => page.locator('#rule-recipients-error').textContent()).toMatch(/email/);
    await screenshot(page, 'alerts-rule-invalid');

    // The server's 400 names its field; the form puts the message by that field.
    await form.getByLabel('Recipients').fill('deliverability@example.com');
    await page.route('**/api/alerts/rules', (route) => route.request().method() === 'POST'
      ? route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'validation_failed', message: 'name: is taken', details: [{ field: 'name', message: 'is taken' }] } }) })
      : route.fallback());
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => page.locator('#rule-name-error').textContent()).toBe('is taken');
    expect(await page.locator('#rule-recipients-error').count()).toBe(0);
    await page.unrouteAll();

    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect.poll(() => ruleRows(page).count()).toBe(BUILTIN_RULES + 1);
    const row = ruleRows(page).filter({ hasText: 'Yahoo complaints on newsletter' });
    expect(await row.textContent()).toContain('≥ 0.50%');
    expect(await row.textContent()).toContain('deliverability@example.com');
    const created = (await rules()).find((r) => r.name === 'Yahoo complaints on newsletter');
    expect(created).toMatchObject({ metric: 'complaint_rate', condition: 'threshold', threshold: 0.005, streams: ['newsletter'], providers: ['yahoo'], builtin: false });

    // Switching it off is one click, saved through the API.
    await row.getByRole('button', { name: 'Disable Yahoo complaints on newsletter' }).click();
    await expect.poll(async () => (await rules()).find((r) => r.name === 'Yahoo complaints on newsletter')?.enabled).toBe(false);
    expect((await rules()).find((r) => r.name === 'Yahoo complaints on newsletter')?.metric).toBe('complaint_rate');
    await expect.poll(() => row.locator('.badge').last().textContent()).toBe('Disabled');
    await screenshot(page, 'alerts-admin');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads at a narrow width', async () => {
    const { page, errors, context } = await openPage(browser, NARROW);
    await signIn(page, ADMIN);
    await expect.poll(() => ruleRows(page).count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'alerts-narrow');
    expect(errors).toEqual([]);
    await context.close();
  });
});
