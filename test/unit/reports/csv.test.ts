// The CSV export: RFC 4180 quoting, protection against formula injection, numbers left as numbers, parsed back.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { textCell } from '../../../server/csv-cell.ts';
import { CSV_COLUMNS, renderCsv } from '../../../server/reports/csv.ts';
import { incident, model, series } from './factory.ts';

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('CSV', () => {
  it('has the documented header, CRLF line ends and one row per incident × series', () => {
    const m = model({ incidents: [incident({ series: [series(), series({ provider: 'yahoo' })] }), incident({ id: 'inc-2' })] });
    const csv = renderCsv(m);
    expect(csv.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    const rows = rowsOf(csv);
    expect(rows.map((r) => `${r.incident_id}/${r.provider}`)).toEqual(['inc-1/gmail', 'inc-1/yahoo', 'inc-2/gmail']);
  });

  it('writes rates as fractions, times in the report zone, nulls as empty cells', () => {
    const [row] = rowsOf(renderCsv(model()));
    expect(row).toMatchObject({
      week: '2026-W10', week_start: '2026-03-02T00:00:00+01:00', week_end: '2026-03-09T00:00:00+01:00', time_zone: 'Europe/Berlin',
      baseline_rate: '0.0006', week_rate: '0.003', change_relative: '4', week_numerator: '60', week_denominator: '20000',
      occurred_at: '2026-03-02T09:00:00+01:00', resolved_at: '', recovered_at: '', time_to_recover_hours: '',
      dips_this_week: '2', severe_this_week: '1', checklist_done: '1', series_status: 'degraded',
    });
  });

  it('quotes commas, quotes and line breaks, and the value survives the round trip', () => {
    const title = 'Promo, "spring"\r\nsecond line';
    const csv = renderCsv(model({ incidents: [incident({ title })] }));
    expect(csv).toContain('"Promo, ""spring""\r\nsecond line"');
    expect(rowsOf(csv)[0]?.incident_title).toBe(title);
  });

  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises a text cell starting %j', (text) => {
    expect(textCell(text)).toBe(`'${text}`);
    const [row] = rowsOf(renderCsv(model({ incidents: [incident({ title: text, series: [series({ stream: text })] })] })));
    expect(row?.incident_title).toBe(`'${text}`);
    expect(row?.stream).toBe(`'${text}`);
  });

  it('leaves ordinary text and negative numbers alone', () => {
    expect(textCell('newsletter')).toBe('newsletter');
    const [row] = rowsOf(renderCsv(model({ incidents: [incident({ series: [series({ change: -0.25 })] })] })));
    expect(row?.change_relative).toBe('-0.25');
    expect(Number(row?.change_relative)).toBe(-0.25);
  });

  it('no incidents: the header alone', () => {
    expect(renderCsv(model({ incidents: [] }))).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
