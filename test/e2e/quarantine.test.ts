// The data page's webhook quarantine: a signed SendGrid post whose event names no stream is kept, listed with its
// count and reason, and replayable; the panel has no axe-core violations.
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from '../../harness/browser.ts';
import { startServer, type TestServer } from '../../harness/server.ts';

const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ SENDGRID_WEBHOOK_PUBLIC_KEY: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64') }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function postSendGrid(events: unknown[]): Promise<Response> {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(`${server.url}/api/webhooks/sendgrid`, {
    method: 'POST', body,
    headers: {
      'content-type': 'application/json', 'x-twilio-email-event-webhook-timestamp': timestamp,
      'x-twilio-email-event-webhook-signature': sign('sha256', Buffer.from(timestamp + body), ec.privateKey).toString('base64'),
    },
  });
}

describe('webhook quarantine on the data page', () => {
  it('lists quarantined events by reason, replays them on demand, and passes axe-core', async () => {
    const res = await postSendGrid([{ email: 'ana@gmail.com', timestamp: 1772359200, event: 'delivered', sg_event_id: 'e2e-1' }]);
    expect(await res.json()).toMatchObject({ quarantined: 1 });

    const { page, errors, context } = await openPage(browser);
    await page.goto(`${server.url}/data`);
    const panel = page.locator('section[aria-labelledby="quarantine-title"]');
    await expect.poll(async () => (await panel.count()) > 0 ? await panel.textContent() : 'no panel', { timeout: 20_000 }).toMatch(/Newest/);
    expect(await panel.locator('tbody tr').count()).toBe(2);
    expect(await panel.locator('tbody tr').first().textContent()).toMatch(/Sendgrid.*stream: is required.*1/);

    await page.evaluate(AXE);
    const violations = await page.evaluate(`axe.run(document.querySelector('section[aria-labelledby="quarantine-title"]')).then((r) => r.violations.map((v) => v.id + ': ' + v.help))`);
    expect(violations).toEqual([]);

    await panel.getByRole('button', { name: 'Replay quarantined events' }).click();
    await expect.poll(() => panel.getByRole('status').last().textContent()).toMatch(/Replayed 1: 0 stored, 1 still quarantined/);
    await screenshot(page, 'data-quarantine');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
