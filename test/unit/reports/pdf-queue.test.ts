// The PDF queue: one render at a time, identical requests share one render, repeats come from a bounded cache,
// and a long queue refuses more. The renderer is a stand-in that records how many run at once (Chromium itself
// is exercised by test/integration/reports-pdf.test.ts, and through this queue by reports-api.test.ts).
import { describe, expect, it } from 'vitest';
import { PdfBusyError, PdfQueue } from '../../../server/reports/pdf-queue.ts';

function recorder(bytes = 10) {
  let running = 0;
  const state = { maxRunning: 0, calls: [] as string[] };
  const render = async (html: string): Promise<Buffer> => {
    running++;
    state.maxRunning = Math.max(state.maxRunning, running);
    state.calls.push(html);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return Buffer.alloc(bytes, html);
  };
  return { state, render };
}

describe('PdfQueue', () => {
  it('renders one at a time, in order, however many ask at once', async () => {
    const { state, render } = recorder();
    const q = new PdfQueue(render);
    const htmls = ['a', 'b', 'c', 'd', 'e', 'f'];
    const out = await Promise.all(htmls.map((h) => q.pdf(h)));
    expect(state.maxRunning).toBe(1);
    expect(state.calls).toEqual(htmls);
    expect(out.map((b) => b.toString()[0])).toEqual(htmls);
  });

  it('eight identical requests at once share one render; the next is a cache hit', async () => {
    const { state, render } = recorder();
    const q = new PdfQueue(render);
    const out = await Promise.all(Array.from({ length: 8 }, () => q.pdf('same', { paper: 'A4' })));
    expect(new Set(out).size).toBe(1);
    await q.pdf('same', { paper: 'A4' });
    expect(q.renders).toBe(1);
    // Another paper size or footer is another PDF.
    await q.pdf('same', { paper: 'Letter' });
    await q.pdf('same', { paper: 'A4', footer: 'x' });
    expect(state.calls).toHaveLength(3);
  });

  it('refuses with "busy" beyond the waiting limit instead of queueing without bound', async () => {
    const { render } = recorder();
    const q = new PdfQueue(render, { entries: 4, bytes: 1024, waiting: 3 });
    const first = ['1', '2', '3'].map((h) => q.pdf(h));
    await expect(q.pdf('4')).rejects.toBeInstanceOf(PdfBusyError);
    await Promise.all(first);
    // Once the queue drains, new work is taken again.
    await expect(q.pdf('4')).resolves.toHaveLength(10);
  });

  it('keeps the cache within its entry and byte bounds, dropping the least recently used', async () => {
    const { state, render } = recorder(100);
    const q = new PdfQueue(render, { entries: 3, bytes: 250, waiting: 8 });
    for (const h of ['a', 'b', 'c']) await q.pdf(h);
    // 300 bytes > 250: 'a' went; 'b' and 'c' stay.
    state.calls.length = 0;
    await q.pdf('c');
    await q.pdf('b');
    expect(state.calls).toEqual([]);
    await q.pdf('a');
    expect(state.calls).toEqual(['a']);
  });

  it('a failed render neither stalls the queue nor is cached', async () => {
    let fail = true;
    const q = new PdfQueue(async (html) => {
      if (fail) throw new Error('chromium crashed');
      return Buffer.from(html);
    });
    await expect(q.pdf('x')).rejects.toThrow('chromium crashed');
    fail = false;
    await expect(q.pdf('x')).resolves.toEqual(Buffer.from('x'));
    expect(q.renders).toBe(2);
  });
});
