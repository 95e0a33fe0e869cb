// The report's HTML printed to PDF by headless Chromium (Debian's /usr/bin/chromium) through playwright-core:
// the same markup, the same SVG charts, so the PDF cannot drift from the HTML. The stylesheet keeps table rows,
// charts and the watch list whole across page breaks.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export const CHROMIUM_PATH = '/usr/bin/chromium';
// A sandbox needs user namespaces that containers often lack; the page is our own static HTML with no script,
// so nothing untrusted runs. Networking, sync and updates are off: the report must not reach out anywhere.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
] as const;
// 14 mm all round: the layout is sized for the width that leaves on both A4 and Letter (see style.ts).
const MARGIN = { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' };
// Launch and print of a report of a few pages takes 1–2 s; a minute means Chromium is stuck.
const TIMEOUT_MS = 60_000;

export class PdfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfError';
  }
}

async function launch(executablePath: string): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new PdfError(`PDF reports need Chromium at ${executablePath} (Debian: apt-get install chromium)`);
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    // Loaded on first use: the server and the HTML/CSV reports work without it.
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new PdfError('PDF reports need the playwright-core package (npm install playwright-core)');
  }
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], timeout: TIMEOUT_MS });
}

export interface PdfOptions { paper?: PaperSize; executablePath?: string; footer?: string }

/** Prints the HTML; the footer (e.g. "Rebound weekly recovery report 2026-W09") goes left of the page number. */
export async function renderPdf(html: string, opts: PdfOptions = {}): Promise<Buffer> {
  const browser = await launch(opts.executablePath ?? CHROMIUM_PATH);
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    // No network: the document is self-contained, and a stray URL in user text must not be fetched.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await page.emulateMedia({ media: 'print' });
    const footer = (opts.footer ?? '').replace(/[&<>"']/g, '');
    return await page.pdf({
      format: opts.paper ?? 'A4',
      printBackground: true,
      margin: MARGIN,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;color:#666;width:100%;padding:0 14mm;display:flex;justify-content:space-between">`
        + `<span>${footer}</span><span>page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
    });
  } finally {
    await browser.close();
  }
}
