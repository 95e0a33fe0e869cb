// The weekly report against a scenario with a known recovery (reports-fixture.ts): the model's values and
// statuses, the CSV parsed back, the HTML's numbers, and the stored model reused by every format.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../server/reports/build.ts';
import { CSV_COLUMNS } from '../../server/reports/csv.ts';
import { formatValue } from '../../server/reports/format.ts';
import type { ReportModel } from '../../server/reports/model.ts';
import { reportFile, reportFiles } from '../../server/reports/service.ts';
import { parseIsoWeek, weekBounds } from '#shared/iso-week.ts';
import { listReports } from '../../server/store/reports.ts';
import { pooledComplaints, reportFixture, scenario, START, OCCURRED, type Fixture } from './reports-fixture.ts';

let f: Fixture;
beforeAll(async () => {
  f = await reportFixture('UTC');
});
afterAll(() => f?.close());

const model = (week: string): Promise<ReportModel> => buildReport(f.s, weekBounds(parseIsoWeek(week), 'UTC'));
const complaints = (m: ReportModel) => {
  const s = m.incidents[0]?.series.find((x) => x.metric === 'complaint_rate');
  if (!s) throw new Error('no complaint series');
  return s;
};

describe('report model against the known recovery', () => {
  it('W06, the incident week: degraded, the pooled rate is the week’s Σ complaints / Σ delivered', async () => {
    const m = await model('2026-W06');
    expect(m.incidents.map((i) => i.id)).toEqual([f.incident.id]); // the old resolved incident is left out
    const s = complaints(m);
    const truth = pooledComplaints('2026-02-02T00:00:00Z', '2026-02-09T00:00:00Z');
    expect(s.week).toEqual({ observations: 7, numerator: truth.numerator, denominator: truth.denominator, value: truth.rate });
    // The baseline is the Jeffreys-pooled rate of the four weeks before the incident.
    const base = pooledComplaints(START, OCCURRED);
    expect(s.baseline.rate).toBeCloseTo((base.numerator + 0.5) / (base.denominator + 1), 12);
    expect(s.change).toBeCloseTo((truth.rate - (s.baseline.rate ?? 0)) / (s.baseline.rate ?? 1), 12);
    expect(s.status).toBe('degraded');
    expect(s.dips).toBe(6); // the six affected sends, 2–7 Feb
    expect(m.incidents[0]?.status).toBe('degraded');
    expect(m.incidents[0]?.headline).toBe('Still degraded after 6 days: Complaint rate at Gmail (newsletter)');
    expect(m.watch).toHaveLength(1);
    expect(m.watch[0]?.text).toContain('Complaint rate at Gmail (newsletter): this week 0.30% against a baseline of 0.059%, 6 dips');
    // Series the incident did not touch stay unaffected, with no dips.
    for (const other of m.incidents[0]?.series.filter((x) => x.metric !== 'complaint_rate') ?? []) {
      expect([other.metric, other.status, other.dips]).toEqual([other.metric, 'unaffected', 0]);
    }
  });

  it('W07: recovered on the first clean send, time to recover from the incident', async () => {
    const m = await model('2026-W07');
    const s = complaints(m);
    expect(s.status).toBe('recovered');
    expect(s.recovered_at).toBe(scenario.incidents[0]?.ended_at);
    expect(s.time_to_recover_hours).toBe(153); // 2 Feb 00:00 → 8 Feb 09:00
    expect(s.dips).toBe(0);
    expect(s.week.value).toBe(pooledComplaints('2026-02-09T00:00:00Z', '2026-02-16T00:00:00Z').rate);
    expect(m.incidents[0]?.headline).toBe('Recovered after 6.4 days');
    expect(m.watch).toEqual([]);
  });

  it('an incident resolved in the last four weeks is in; one resolved earlier is out', async () => {
    // The old incident was resolved on 10 Oct 2025: 2025-W44 (ends 3 Nov) is within four weeks, W46 is not.
    expect((await model('2025-W44')).incidents.map((i) => i.id)).toEqual([f.old.id]);
    expect((await model('2025-W46')).incidents).toEqual([]);
  });
});

describe('formats', () => {
  it('CSV parses back to one row per incident × series with the model’s numbers', async () => {
    const [csv, json] = await reportFiles(f.s, '2026-W06', [{ format: 'csv' }, { format: 'json' }]);
    const m = JSON.parse(json?.bytes.toString('utf8') ?? '') as ReportModel;
    const rows = parse(csv?.bytes.toString('utf8') ?? '', { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(m.incidents[0]?.series.length ?? -1);
    const row = rows.find((r) => r.metric === 'complaint_rate');
    const s = complaints(m);
    expect(row).toMatchObject({
      week: '2026-W06', week_start: '2026-02-02T00:00:00Z', week_end: '2026-02-09T00:00:00Z', time_zone: 'UTC',
      incident_id: f.incident.id, incident_status: 'degraded', series_status: 'degraded', provider: 'gmail', stream: 'newsletter',
      dips_this_week: '6', severe_this_week: '6', week_observations: '7', recovered_at: '', time_to_recover_hours: '',
    });
    expect(Number(row?.week_rate)).toBe(s.week.value);
    expect(Number(row?.baseline_rate)).toBe(s.baseline.rate);
    expect(Number(row?.change_relative)).toBe(s.change);
    expect(Number(row?.week_numerator) / Number(row?.week_denominator)).toBe(s.week.value);
    // The title starts with "=": protected from formula injection, and its quotes survive the round trip.
    expect(row?.incident_title).toBe(`'${f.incident.title}`);
  });

  it('HTML shows the same numbers, escaped, with a chart per dipped series', async () => {
    const html = (await reportFile(f.s, '2026-W06', { format: 'html' })).bytes.toString('utf8');
    const s = complaints(JSON.parse((await reportFile(f.s, '2026-W06', { format: 'json' })).bytes.toString('utf8')) as ReportModel);
    expect(html).toContain(formatValue('complaint_rate', s.week.value));
    expect(html).toContain(formatValue('complaint_rate', s.baseline.rate));
    expect(html).toContain(`${(s.week.numerator ?? 0).toLocaleString('en-US')} / ${(s.week.denominator ?? 0).toLocaleString('en-US')}`);
    expect(html).toContain('=cmd| &quot;old&quot; &lt;list&gt;: newsletter');
    expect(html).not.toContain('<list>');
    expect(html.match(/<svg /g)).toHaveLength(1); // only the complaint series dipped
    expect(html).toContain('Mon 2 Feb 2026 – Sun 8 Feb 2026 (UTC)');
  });

  it('a finished week is stored once and served from the store; refresh rebuilds it', async () => {
    const first = await reportFile(f.s, '2026-W07', { format: 'csv' });
    const again = await reportFile(f.s, '2026-W07', { format: 'csv' });
    expect(again.stored).toBe(true);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    const listed = (await listReports(f.s.db)).filter((r) => r.week === '2026-W07').map((r) => r.format);
    expect(listed.sort()).toEqual(['csv', 'json']);
    const rebuilt = await reportFile(f.s, '2026-W07', { format: 'html', refresh: true });
    expect(rebuilt.stored).toBe(true);
    expect((await listReports(f.s.db)).filter((r) => r.week === '2026-W07').map((r) => r.format).sort()).toEqual(['html', 'json']);
  });

  it('a week not over yet is built fresh and not stored; a future week is refused', async () => {
    const current = await reportFile(f.s, '2026-W09', { format: 'json' });
    expect(current.stored).toBe(false);
    expect((JSON.parse(current.bytes.toString('utf8')) as ReportModel).complete).toBe(false);
    expect((await listReports(f.s.db)).some((r) => r.week === '2026-W09')).toBe(false);
    await expect(reportFile(f.s, '2026-W10', { format: 'html' })).rejects.toThrow('2026-W10 has not started yet');
  });
});
