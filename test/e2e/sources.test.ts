// The data page's sources: a configured pull (SNDS, pointed at a port where nothing listens) is listed before its
// first run; an admin's "pull now" runs it, and the failure is shown with its error.
import { createServer } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

let server: TestServer;
let browser: Browser;

/** A local port where nothing listens (taken, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

beforeAll(async () => {
  const endpoint = `http://127.0.0.1:${await closedPort()}`;
  [server, browser] = await Promise.all([startServer({ SNDS_KEY: 'test-key-0123456789', SNDS_API_ENDPOINT: endpoint }), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('sources on the data page', () => {
  it('lists a configured source and runs a pull on demand, showing its error', async () => {
    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/data`);
    const row = page.locator('table.sources-table tr[data-source="snds"]');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Microsoft SNDS');
    expect(await row.locator('.badge').textContent()).toBe('No run yet');

    await row.getByRole('button', { name: 'Pull Microsoft SNDS now' }).click();
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 20_000 }).toBe('Failing');
    expect(await row.locator('.error-text').textContent()).not.toBe('');
    await screenshot(page, 'data-sources');
    // The failed pull's 5xx (if the server answers one) is logged by Chromium; nothing else may be.
    expect(errors.filter((e) => !/status of 5\d\d/.test(e))).toEqual([]);
    await context.close();
  });
});
