// The audience guard in the dashboard (docs/incidents.md), in a real browser against the real server with tokens: events
// that name their recipients loaded for a bad send, a harmless send in the first-day window and the apology send;
// an editor names the bad send, uploads a suppression list with a bad line (rejected line by line, the list
// unchanged) and then a good one, uploads an apology list beyond the audience (flagged outside, in words),
// downloads the affected audience as CSV, runs the apology check (the `audience` finding blocks), names the apology
// send (ringed on every chart, with its "Apology sent" line) and fixes the list (checked again: no finding). A
// viewer sees the counts but no upload, download or send controls.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AudienceSummary } from '#shared/schema/audience.ts';
import { MAX_ID_LENGTH } from '#shared/schema/common.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import { launchBrowser, NARROW, openPage, renderAllCharts, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const VIEWER = 'viewer-token-audience-0123';
const EDITOR = 'editor-token-audience-0123';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

let server: TestServer;
let browser: Browser;
let incident: Incident;
const dir = mkdtempSync(join(tmpdir(), 'rebound-audience-'));

// Six days ago, so every send is inside the monitoring window and before "now".
const OCCURRED = Math.floor((Date.now() - 6 * DAY_MS) / DAY_MS) * DAY_MS + 8 * HOUR_MS;
const at = (hours: number) => new Date(OCCURRED + hours * HOUR_MS).toISOString();

type Ev = Record<string, string>;
const ev = (send_id: string, type: string, hours: number, recipient: string | null, extra: Ev = {}): Ev =>
  ({ type, timestamp: at(hours), send_id, stream: 'promo', ...(recipient ? { recipient } : { provider: 'gmail' }), ...extra });
const delivered = (send_id: string, hours: number, recipient: string) => [ev(send_id, 'injection', hours, recipient), ev(send_id, 'delivery', hours, recipient)];

const EVENTS: Ev[] = [
  // The bad send: a, c, d and e got it, b's hard bounce means the mistake never reached b.
  ...['a@gmail.com', 'c@outlook.com', 'd@gmail.com', 'e@gmail.com'].flatMap((r) => delivered('promo-bad', 1, r)),
  ev('promo-bad', 'injection', 1, 'b@yahoo.com'), ev('promo-bad', 'bounce', 1, 'b@yahoo.com', { bounce_class: 'hard' }),
  ev('promo-bad', 'delivery', 1, null), // names no recipient: the audience is incomplete by one event
  // A harmless send later that day: inside the first-day window that stands in until the bad send is named.
  ...delivered('promo-ok', 10, 'y@gmail.com'),
  // The apology, the next day: a and c — and z, whom the mistake never reached.
  ...['a@gmail.com', 'c@outlook.com', 'z@gmail.com'].flatMap((r) => delivered('promo-apology', 26, r)),
];

const GOOD_DRAFT = {
  subject: 'We made a mistake in yesterday’s promotion',
  from: 'Acme News <news@acme.example>',
  text: "We're sorry. Yesterday we sent you a promotion meant for another group of customers. We have fixed the segment. If you have questions, reply to this email.",
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR}` }), launchBrowser()]);
  const loaded = await server.api('/api/ingest?name=events.ndjson', { body: EVENTS.map((e) => JSON.stringify(e)).join('\n') + '\n', type: 'application/x-ndjson', token: EDITOR });
  expect(loaded.status, await loaded.clone().text()).toBe(200);
  const res = await server.api('/api/incidents', {
    token: EDITOR,
    body: { title: 'Spring promo to the wrong segment', kind: 'wrong_segment', severity: 'high', occurred_at: new Date(OCCURRED).toISOString(), streams: ['promo'] },
  });
  incident = (await res.json()) as Incident;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const summary = async () => (await (await server.api(`/api/incidents/${incident.id}/audience`, { token: VIEWER })).json()) as AudienceSummary;

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${server.url}/incidents/${incident.id}`);
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(incident.title);
}

/** The panel's arithmetic as written: "6 recipients − 1 bounced − 0 suppressed = 5 affected". */
const math = (page: Page) => page.locator('.audience-math').textContent().then((t) => t?.replace(/\s+/g, ' ').trim());

async function upload(page: Page, list: 'suppression' | 'apology', path: string): Promise<void> {
  const name = list === 'suppression' ? 'Suppression list' : 'Apology list';
  await page.getByLabel(`${name} file`).setInputFiles(path);
  await page.getByRole('button', { name: `Upload ${name.toLowerCase()}` }).click();
}

describe('the audience panel', () => {
  it('walks an editor from the first-day window to a checked apology list, and marks the apology send on the charts', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, EDITOR);
    const panel = page.locator('section.audience');

    // Until the bad send is named, the first day's sends stand in, with a hint to name them.
    await expect.poll(() => math(page)).toBe('6 recipients − 1 bounced − 0 suppressed = 5 affected');
    expect(await panel.locator('.audience-basis').getAttribute('data-sends-from')).toBe('window');
    expect(await panel.locator('.audience-basis .hint').textContent()).toContain('Name the bad sends');
    expect(await panel.locator('[data-warning="events_without_recipient"]').textContent()).toContain('1 event(s) of these sends name no recipient');

    // A send id beyond the schema's limit is refused next to its field, and nothing is saved.
    await page.getByLabel('Bad send ids').fill(`promo-bad, ${'x'.repeat(MAX_ID_LENGTH + 1)}`);
    await page.getByRole('button', { name: 'Save sends' }).click();
    await expect.poll(() => page.locator('#audience-send-ids-error').textContent()).toMatch(/512/);
    expect(await page.locator('#audience-send-ids').getAttribute('aria-invalid')).toBe('true');
    expect(((await (await server.api(`/api/incidents/${incident.id}`, { token: VIEWER })).json()) as Incident).send_ids).toEqual([]);

    await page.getByLabel('Bad send ids').fill('promo-bad');
    await page.getByRole('button', { name: 'Save sends' }).click();
    await expect.poll(() => math(page)).toBe('5 recipients − 1 bounced − 0 suppressed = 4 affected');
    expect(await panel.locator('.audience-basis').getAttribute('data-sends-from')).toBe('named');
    expect(await panel.locator('.audience-basis .hint').count()).toBe(0);

    // A suppression list with a bad line: rejected line by line, and the list stays as it was (none).
    await upload(page, 'suppression', file('suppression-bad.txt', 'd@gmail.com\nnot an address\n'));
    const rejected = panel.locator('li[data-list="suppression"] .error-box');
    await expect.poll(() => rejected.locator('table.rejections tbody tr td:first-child').allTextContents()).toEqual(['2']);
    expect(await rejected.textContent()).toContain('Rejected: the suppression list is unchanged.');
    expect(await rejected.locator('table.rejections tbody td').nth(1).textContent()).toMatch(/^recipient: must be one address/);
    await screenshot(page, 'audience-list-rejected');
    expect((await summary()).lists.suppression).toBeNull();
    expect(await panel.locator('li[data-list="suppression"] .list-status').textContent()).toBe('not uploaded');

    await upload(page, 'suppression', file('suppression.csv', 'name,email\n"Doe, Dee",D@gmail.com\n'));
    await expect.poll(() => math(page)).toBe('5 recipients − 1 bounced − 1 suppressed = 3 affected');
    expect(await panel.locator('li[data-list="suppression"] .list-status').textContent()).toMatch(/^1 recipient\(s\), uploaded \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);

    // An apology list beyond the audience: b bounced, z was never sent the mistake. Flagged in words, not colour alone.
    await upload(page, 'apology', file('apology-beyond.txt', 'a@gmail.com\nb@yahoo.com\nz@gmail.com\n'));
    const listCheck = panel.locator('[data-compare="apology_list"]');
    await expect.poll(() => listCheck.getAttribute('data-outside')).toBe('2');
    expect(await listCheck.getAttribute('class')).toContain('tone-box-bad');
    expect(await listCheck.locator('.badge').textContent()).toBe('Blocks the apology');
    expect(await listCheck.textContent()).toContain('2 outside the affected audience');
    expect(await listCheck.locator('.outside-examples li').allTextContents()).toEqual(['✕ b@yahoo.com outside', '✕ z@gmail.com outside']);

    // The affected audience as CSV, fetched with the editor's token.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download affected audience (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe(`${incident.id}-affected-audience.csv`);
    expect(readFileSync(await download.path(), 'utf8')).toBe('recipient\na@gmail.com\nc@outlook.com\ne@gmail.com\n');

    // The apology check blocks a list beyond the audience.
    await page.getByLabel('Subject').fill(GOOD_DRAFT.subject);
    await page.getByLabel('From', { exact: true }).fill(GOOD_DRAFT.from);
    await page.getByLabel('Text body').fill(GOOD_DRAFT.text);
    await page.getByRole('button', { name: 'Check draft' }).click();
    const result = page.locator('.apology-result');
    await expect.poll(() => result.getAttribute('data-verdict')).toBe('block');
    const finding = result.locator('.finding[data-rule="audience"]');
    expect(await finding.getAttribute('data-severity')).toBe('block');
    expect(await finding.locator('.evidence').textContent()).toContain('2 of the apology list\'s 3 recipient(s) were not affected');

    // The apology send, named: compared with the audience, ringed on every chart with its line.
    await page.getByLabel('Apology send id').fill('promo-apology');
    await page.getByRole('button', { name: 'Save sends' }).click();
    const sendCheck = panel.locator('[data-compare="apology_send"]');
    await expect.poll(() => sendCheck.getAttribute('data-outside')).toBe('1');
    expect(await sendCheck.locator('.badge').textContent()).toBe('Went beyond the audience');
    expect(await sendCheck.locator('.outside-examples li').allTextContents()).toEqual(['✕ z@gmail.com outside']);
    expect(((await (await server.api(`/api/incidents/${incident.id}`, { token: VIEWER })).json()) as Incident).apology_send_id).toBe('promo-apology');

    await expect.poll(() => page.locator('[data-legend="apology"]').count(), { timeout: 15_000 }).toBe(1);
    await renderAllCharts(page);
    const charts = await page.locator('figure.chart').count();
    expect(charts).toBeGreaterThan(1);
    await expect.poll(() => page.locator('figure.chart[data-apology-line="true"]').count()).toBe(charts);
    expect(await page.locator('figure.chart .apology-line').count()).toBe(charts);
    expect(await page.locator('figure.chart .recharts-label', { hasText: 'Apology sent' }).count()).toBe(charts);
    // One ring per line of each chart at the apology send (gmail, microsoft; yahoo's b got no apology).
    const rings = page.locator('figure.chart [data-apology="true"]');
    expect(await rings.count()).toBeGreaterThanOrEqual(charts);
    // Hovering a ringed point says it is the apology send.
    const ring = rings.first();
    await ring.scrollIntoViewIfNeeded();
    const box = await ring.boundingBox();
    expect(box).not.toBeNull();
    if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.chart-tooltip-apology').first().textContent()).toContain('Apology send (promo-apology)');
    await screenshot(page, 'audience-apology-marked');

    // The list fixed: the draft is checked again on its own, and the audience no longer blocks it.
    await upload(page, 'apology', file('apology-within.txt', 'a@gmail.com\nc@outlook.com\n'));
    await expect.poll(() => listCheck.getAttribute('data-outside')).toBe('0');
    expect(await listCheck.locator('.badge').textContent()).toBe('Within the audience');
    await expect.poll(() => result.locator('.finding[data-rule="audience"]').count()).toBe(0);
    expect(await result.getAttribute('data-verdict')).toBe('ok');
    expect(await page.locator('.recheck-note').count()).toBe(1);

    await page.getByRole('button', { name: 'Remove suppression list' }).click();
    await expect.poll(() => math(page)).toBe('5 recipients − 1 bounced − 0 suppressed = 4 affected');
    expect((await summary()).lists.suppression).toBeNull();
    await page.locator('section.audience').scrollIntoViewIfNeeded();
    await screenshot(page, 'audience-editor');
    // At a narrow width the panel wraps instead of widening the page.
    await page.setViewportSize(NARROW);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the counts, without upload, download or send controls', async () => {
    const { page, errors, context } = await openPage(browser);
    await signIn(page, VIEWER);
    const panel = page.locator('section.audience');
    await expect.poll(() => math(page)).toMatch(/^\d+ recipients − 1 bounced − \d+ suppressed = \d+ affected$/);
    expect(await panel.locator('li[data-list="apology"] .list-status').textContent()).toMatch(/^2 recipient\(s\), uploaded/);
    expect(await panel.locator('form').count()).toBe(0);
    expect(await panel.locator('input[type="file"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download affected audience (CSV)' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Upload|Remove) / }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
