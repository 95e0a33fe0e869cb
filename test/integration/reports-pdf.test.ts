// The PDF report, printed by Debian's Chromium and read back with poppler (pdfinfo, pdftotext, pdftoppm): the
// paper size, the numbers (the same as in the HTML and the CSV), and pages rendered to PNG with content on them.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatValue } from '../../server/reports/format.ts';
import type { ReportModel } from '../../server/reports/model.ts';
import { reportFiles } from '../../server/reports/service.ts';
import { reportFixture, type Fixture } from './reports-fixture.ts';
import { tempDir } from './helpers.ts';

// A blank rendered page compresses to about 1 KB at this resolution; text, tables and charts make tens of KB.
const MIN_PNG_BYTES = 8_000;
const PNG_DPI = 50;

let f: Fixture;
const tmp = tempDir('rebound-pdf-');
beforeAll(async () => {
  f = await reportFixture('Europe/Berlin');
});
afterAll(() => {
  f?.close();
  tmp.cleanup();
});

function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe.each([
  { paper: 'A4' as const, pts: '595.92 x 842.88', px: { width: 414, height: 586 } },
  { paper: 'Letter' as const, pts: '612 x 792', px: { width: 425, height: 550 } },
])('PDF on $paper', ({ paper, pts, px }) => {
  it('renders pages with the same numbers as the HTML and the CSV', async () => {
    const [pdf, html, csv, json] = await reportFiles(f.s, '2026-W06', [{ format: 'pdf', paper }, { format: 'html' }, { format: 'csv' }, { format: 'json' }]);
    if (!pdf || !html || !csv || !json) throw new Error('missing format');
    expect(pdf.bytes.subarray(0, 5).toString('ascii')).toBe('%PDF-');
    const file = tmp.path(`w06-${paper}.pdf`);
    writeFileSync(file, pdf.bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toContain(`Page size:       ${pts} pts`);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);

    const m = JSON.parse(json.bytes.toString('utf8')) as ReportModel;
    const s = m.incidents[0]?.series.find((x) => x.metric === 'complaint_rate');
    if (!s) throw new Error('no complaint series');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const row = (parse(csv.bytes.toString('utf8'), { columns: true }) as Record<string, string>[]).find((r) => r.metric === 'complaint_rate');
    const weekRate = formatValue('complaint_rate', Number(row?.week_rate));
    const baseline = formatValue('complaint_rate', Number(row?.baseline_rate));
    expect(weekRate).toBe(formatValue('complaint_rate', s.week.value));
    for (const shown of [weekRate, baseline, `${Number(row?.week_numerator).toLocaleString('en-US')} / ${Number(row?.week_denominator).toLocaleString('en-US')}`]) {
      expect(text).toContain(shown);
      expect(html.bytes.toString('utf8')).toContain(shown);
    }
    expect(text).toContain('Mon 2 Feb 2026 – Sun 8 Feb 2026 (Europe/Berlin)');
    expect(text).toContain('Still degraded after 6 days');
    expect(text).toContain(`page 1 of ${pages}`);

    execFileSync('pdftoppm', ['-r', String(PNG_DPI), '-png', file, tmp.path(`w06-${paper}`)]);
    const pngs = readdirSync(tmp.dir).filter((n) => n.startsWith(`w06-${paper}-`) && n.endsWith('.png'));
    expect(pngs).toHaveLength(pages);
    const first = tmp.path(pngs.sort()[0] ?? '');
    expect(pngSize(first)).toEqual(px);
    expect(readFileSync(first).length).toBeGreaterThan(MIN_PNG_BYTES);
  });
});

it('a report with no incidents is one short page', async () => {
  const [pdf] = await reportFiles(f.s, '2025-W30', [{ format: 'pdf' }]);
  const file = tmp.path('empty.pdf');
  writeFileSync(file, pdf?.bytes ?? Buffer.alloc(0));
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
  expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('No incidents were open or resolved');
});
