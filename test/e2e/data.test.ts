// The data page: an empty store says so; a file with bad lines is rejected with every line and reason shown
// and nothing stored; a good file is stored and shows up in the summary.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSummary } from '#shared/schema/data-summary.ts';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { badSendsCsv, goodSendsCsv } from './fixtures.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

let server: TestServer;
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'rebound-upload-'));

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const summary = async () => (await (await server.api('/api/data/summary')).json()) as DataSummary;

describe('data page', () => {
  it('rejects a file with bad lines, listing each, then stores a good file', async () => {
    const bad = join(dir, 'bad-sends.csv');
    const good = join(dir, 'good-sends.csv');
    writeFileSync(bad, badSendsCsv());
    writeFileSync(good, goodSendsCsv());
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/data`);
    await expect.poll(() => page.getByText('Nothing loaded yet.').count()).toBe(1);

    // Upload without a file: the field says what is missing.
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByText('Choose a file to upload.').count()).toBe(1);

    await page.locator('#upload-file').setInputFiles(bad);
    await page.getByRole('button', { name: 'Upload' }).click();
    const rejections = page.locator('table.rejections tbody tr');
    await expect.poll(() => rejections.count()).toBe(2);
    const lines = await page.locator('table.rejections tbody tr td:first-child').allTextContents();
    expect(lines).toEqual(['3', '5']);
    expect(await page.locator('.error-box').textContent()).toContain('nothing was stored');
    await screenshot(page, 'data-rejected');
    expect((await summary()).counts.send_rows).toBe(0);

    await page.locator('#upload-file').setInputFiles(good);
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.locator('.notice.ok').textContent()).toContain('Stored');
    // The summary refreshes: the new stream and both providers are listed.
    await expect.poll(() => page.locator('#summary-title + .facts + .table-wrap tbody tr').first().textContent()).toContain('upload-test');
    expect((await summary()).counts.send_rows).toBe(2);
    await screenshot(page, 'data-stored');
    expect(errors).toEqual([]);
    await context.close();
  });
});
