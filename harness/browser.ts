// Launches Debian's chromium through playwright-core for the end-to-end tests, with the flags it needs to run
// headless as root without reaching for the network, and collects page errors (a CSP violation or an uncaught
// exception fails a test instead of passing silently).
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['REBOUND_CHROMIUM'] ?? '/usr/bin/chromium';
// Where screenshots go: kept after the run (outside the repository) so a person can look at them; the tests
// print each path. REBOUND_SCREENSHOTS points them elsewhere, e.g. at a CI artefact folder.
export const SCREENSHOT_DIR = process.env['REBOUND_SCREENSHOTS'] ?? join(tmpdir(), 'rebound-screenshots');
export const WIDE = { width: 1280, height: 900 } as const;
// A small laptop with the browser not maximised.
export const NARROW = { width: 820, height: 900 } as const;

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** `extraArgs`, e.g. `--host-resolver-rules=…` to give test host names an address without DNS. */
export function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  // playwright-core gives every launch a fresh temporary user-data-dir of its own.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...FLAGS, ...extraArgs] });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (CSP violations are console errors). */
  errors: string[];
}

export async function openPage(browser: Browser, viewport: { width: number; height: number } = WIDE): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A 4xx answer the page asked for on purpose (a rejected upload, a bad form) is logged by Chromium too.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) {
      errors.push(`console: ${msg.text()}`);
    }
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** Charts mount as they near the viewport; this scrolls to each placeholder in turn until all have rendered. */
export async function renderAllCharts(page: Page): Promise<void> {
  // Bounded: a page never has more charts than metrics × streams; 100 rounds is far more than that.
  for (let round = 0; round < 100; round++) {
    const left = await page.evaluate(() => {
      const placeholder = document.querySelector('.chart-placeholder');
      placeholder?.scrollIntoView({ block: 'center' });
      return placeholder ? 1 : 0;
    });
    if (left === 0) break;
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}
