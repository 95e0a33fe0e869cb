// PDF renders, one at a time and cached by content. Each render starts a Chromium (≈ 1–2 s of CPU, a few hundred
// MB), so eight at once slowed every other request of the server several-fold. Renders therefore wait in one
// queue; the same report asked for again (same HTML, paper and footer) is answered from a small in-memory cache,
// and asked for while it renders shares that render. A queue that is already long refuses more with "busy"
// instead of growing without bound: whoever asks, no role can make the machine do unbounded PDF work.
import { createHash } from 'node:crypto';
import { renderPdf, type PdfOptions } from './pdf.ts';

// A report PDF is 50–500 KB; 16 of them, capped at 64 MiB in all, covers a few weeks × both paper sizes.
const CACHE_ENTRIES = 16;
const CACHE_BYTES = 64 * 1024 ** 2;
// Renders waiting behind the running one. At ≈ 2 s each, the last of 8 waits ≈ 16 s: about what a person waits
// for a download before giving up; a ninth is told to come back.
export const MAX_WAITING = 8;

export class PdfBusyError extends Error {
  constructor() {
    super(`${MAX_WAITING} PDF reports are already being rendered, one at a time; try again in a minute`);
    this.name = 'PdfBusyError';
  }
}

type Render = (html: string, opts: PdfOptions) => Promise<Buffer>;

export class PdfQueue {
  private readonly cache = new Map<string, Buffer>();
  private readonly inFlight = new Map<string, Promise<Buffer>>();
  private tail: Promise<unknown> = Promise.resolve();
  private waiting = 0;
  /** How many renders actually ran (for tests and the log). */
  renders = 0;

  constructor(private readonly render: Render = renderPdf, private readonly limits = { entries: CACHE_ENTRIES, bytes: CACHE_BYTES, waiting: MAX_WAITING }) {}

  /**
   * @param content what the PDF shows, for the cache key; the HTML by default. A report passes its model without
   *   the time it was built, so the same figures asked for a minute later are not printed again.
   */
  pdf(html: string, opts: PdfOptions = {}, content: string = html): Promise<Buffer> {
    const key = createHash('sha256').update(JSON.stringify([opts.paper ?? 'A4', opts.footer ?? '', opts.executablePath ?? '', content])).digest('hex');
    const cached = this.cache.get(key);
    if (cached) {
      // Most recently used last: the Map's order is the eviction order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return Promise.resolve(cached);
    }
    const running = this.inFlight.get(key);
    if (running) return running;
    if (this.waiting >= this.limits.waiting) return Promise.reject(new PdfBusyError());
    this.waiting++;
    const job = this.tail.then(async () => {
      this.renders++;
      return this.render(html, opts);
    });
    // The next render starts when this one ends, whether it succeeded or not.
    this.tail = job.catch(() => undefined);
    const done = job.then((bytes) => {
      this.remember(key, bytes);
      return bytes;
    }).finally(() => {
      this.waiting--;
      this.inFlight.delete(key);
    });
    this.inFlight.set(key, done);
    return done;
  }

  private remember(key: string, bytes: Buffer): void {
    if (bytes.length > this.limits.bytes) return;
    this.cache.set(key, bytes);
    let total = 0;
    for (const b of this.cache.values()) total += b.length;
    for (const [k, b] of this.cache) {
      if (this.cache.size <= this.limits.entries && total <= this.limits.bytes) break;
      this.cache.delete(k);
      total -= b.length;
    }
  }
}

/** The process's one queue: the API, the CLI and the weekly job all render through it. */
export const pdfQueue = new PdfQueue();
