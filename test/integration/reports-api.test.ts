// The report through the API, the CLI and the weekly job: the same week gives the same numbers everywhere, bad
// weeks get clear errors, and the job's email (HTML body, PDF attached) reaches a local SMTP server once.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { deliverDue, type MailRequest } from '../../server/notify/outbox.ts';
import { pdfQueue } from '../../server/reports/pdf-queue.ts';
import { weeklyReportJob, runWeeklyReport, reportMailKey } from '../../jobs/weekly-report.ts';
import type { Services } from '../../server/context.ts';
import { TestSmtp } from '../support/smtp.ts';
import { runCli, tempDir } from './helpers.ts';
import { reportFixture, type Fixture } from './reports-fixture.ts';

describe('API and CLI', () => {
  let f: Fixture;
  let app: ReturnType<typeof createApp>;
  const out = tempDir('rebound-report-cli-');
  beforeAll(async () => {
    f = await reportFixture('UTC');
    app = createApp(f.s);
  });
  afterAll(() => {
    f?.close();
    out.cleanup();
  });

  it('GET /api/reports/{week} downloads each format with its type and file name', async () => {
    const cases = [
      ['csv', 'text/csv; charset=utf-8; header=present', 'attachment; filename="rebound-report-2026-W06.csv"'],
      ['html', 'text/html; charset=utf-8', 'inline; filename="rebound-report-2026-W06.html"'],
      ['pdf', 'application/pdf', 'attachment; filename="rebound-report-2026-W06.pdf"'],
    ] as const;
    for (const [format, type, disposition] of cases) {
      const res = await app.request(`/api/reports/2026-W06?format=${format}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(disposition);
    }
    const letter = await app.request('/api/reports/2026-W06?format=pdf&paper=letter');
    expect(letter.headers.get('content-disposition')).toContain('rebound-report-2026-W06-letter.pdf');
  });

  it('a GET stores nothing; POST /api/reports/{week} builds and stores HTML, CSV and PDF, listed newest week first', async () => {
    // The GETs of the test above built every format of 2026-W06 and kept none of them.
    expect(((await (await app.request('/api/reports')).json()) as { reports: unknown[] }).reports).toEqual([]);
    for (const week of ['2026-W07', '2026-W06']) {
      const res = await app.request(`/api/reports/${week}`, { method: 'POST' });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { week: string; stored: boolean; files: { format: string; size: number; url: string }[] };
      expect(body).toMatchObject({ week, stored: true });
      expect(body.files.map((x) => x.url)).toEqual(['html', 'csv', 'pdf'].map((x) => `/api/reports/${week}?format=${x}`));
    }
    await app.request('/api/reports/2026-W06?format=pdf&paper=letter');
    const body = (await (await app.request('/api/reports')).json()) as { reports: { week: string; format: string; size: number; url: string }[] };
    expect(body.reports.map((r) => `${r.week} ${r.format}`)).toEqual([
      '2026-W07 csv', '2026-W07 html', '2026-W07 json', '2026-W07 pdf', '2026-W06 csv', '2026-W06 html', '2026-W06 json', '2026-W06 pdf',
    ]);
    expect(body.reports.find((r) => r.format === 'pdf')?.url).toBe('/api/reports/2026-W07?format=pdf');
    expect(body.reports.every((r) => r.size > 0)).toBe(true);
    // A stored week answers from the store: the same bytes as stored.
    const stored = await app.request('/api/reports/2026-W07?format=csv');
    expect(stored.headers.get('cache-control')).toBe('private, max-age=300');
  });

  it('eight PDF downloads at once start one Chromium render; the others share it', async () => {
    const before = pdfQueue.renders;
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.request('/api/reports/2026-W07?format=pdf&paper=letter&refresh=true')));
    const bodies = await Promise.all(answers.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(bodies.every((b) => b.equals(bodies[0] ?? Buffer.alloc(0)))).toBe(true);
    expect(pdfQueue.renders - before).toBe(1);
  });

  it.each([
    ['1999-W52', 'reports start at 2000-W01'],
    ['0000-W01', 'reports start at 2000-W01'],
    ['2025-W30', '2025-W30 ends before the earliest data in the store (2025-10-01)'],
  ])('a week outside the data (%s) is a 400 for GET and POST, and nothing is stored', async (week, message) => {
    for (const method of ['GET', 'POST']) {
      const res = await app.request(`/api/reports/${week}?format=csv`, { method });
      expect(res.status, method).toBe(400);
      const body = (await res.json()) as { error: { message: string; details: { field: string }[] } };
      expect(body.error.message).toContain(message);
      expect(body.error.details[0]?.field).toBe('week');
    }
    const listed = ((await (await app.request('/api/reports')).json()) as { reports: { week: string }[] }).reports;
    expect(listed.some((r) => r.week === week)).toBe(false);
  });

  it.each([
    ['2026-W6', '"2026-W6" is not an ISO week; write it as YYYY-Www'],
    ['2021-W53', '2021 has weeks W01 to W52'],
    ['2026-W10', '2026-W10 has not started yet'],
  ])('a bad week %s is a 400 naming the field', async (week, message) => {
    const res = await app.request(`/api/reports/${week}?format=csv`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain(message);
    expect(body.error.details[0]?.field).toBe('week');
  });

  it('an unknown format is a 400', async () => {
    expect((await app.request('/api/reports/2026-W06?format=xlsx')).status).toBe(400);
  });

  it('rebound report: exit 2 with a clear message on a bad week', async () => {
    const r = await runCli(['report', '--week', '2026-W6', '--db', f.dbPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rebound: --week: "2026-W6" is not an ISO week; write it as YYYY-Www, e.g. 2026-W09\n');
  });

  it('rebound report gives the very CSV the API gave, and a PDF file', async () => {
    const api = Buffer.from(await (await app.request('/api/reports/2026-W06?format=csv')).arrayBuffer());
    f.closeDb(); // the CLI is another process: DuckDB lets one process hold the store
    const env = { TZ_REPORTS: 'UTC' };
    const csv = await runCli(['report', '--week', '2026-W06', '--format', 'csv', '--db', f.dbPath], { env });
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(api.toString('utf8'));
    const pdfPath = out.path('w06.pdf');
    const pdf = await runCli(['report', '--week', '2026-W06', '--format', 'pdf', '--paper', 'letter', '--out', pdfPath, '--db', f.dbPath], { env });
    expect(pdf.code).toBe(0);
    expect(pdf.stderr).toContain(`wrote ${pdfPath}`);
    expect(readFileSync(pdfPath).subarray(0, 5).toString('ascii')).toBe('%PDF-');
    // `--out -` is standard output, never a file named "-", for a PDF as for text.
    for (const format of ['pdf', 'csv']) {
      const r = await runCli(['report', '--week', '2026-W06', '--format', format, '--out', '-', '--db', f.dbPath], { env, cwd: out.dir });
      expect(r.code).toBe(0);
      expect(r.stdout.slice(0, 5)).toBe(format === 'pdf' ? '%PDF-' : api.toString('utf8').slice(0, 5));
      expect(existsSync(out.path('-'))).toBe(false);
    }
  });
});

describe('weekly job', () => {
  let f: Fixture;
  const smtp = new TestSmtp();
  beforeAll(async () => {
    await smtp.start();
    f = await reportFixture('Europe/Berlin', { SMTP_URL: smtp.url, ALERT_FROM: 'deliverability@example.com', REPORT_TO: 'lead@example.com,sec@example.com' });
  });
  afterAll(async () => {
    f?.close();
    await smtp.stop();
  });

  it('runs on REPORT_CRON in TZ_REPORTS', () => {
    const job = weeklyReportJob(f.s);
    expect([job.schedule, job.timezone]).toEqual(['0 8 * * 1', 'Europe/Berlin']);
  });

  it('Monday 08:00 Berlin: stores the previous week in three formats and enqueues one email with the PDF', async () => {
    const sent: MailRequest[] = [];
    const fake = async (_s: Services, m: MailRequest) => {
      sent.push(m);
      return true;
    };
    const summary = await runWeeklyReport(f.s, new Date('2026-02-16T07:00:00Z'), fake);
    expect(summary).toMatch(/^report 2026-W07 \(1 incident\(s\); html \d+ B, csv \d+ B, pdf \d+ B\); emailed to 2 recipient/);
    expect(sent).toHaveLength(1);
    const mail = sent[0];
    expect(mail?.key).toBe(reportMailKey('2026-W07'));
    expect(mail?.to).toEqual(['lead@example.com', 'sec@example.com']);
    expect(mail?.subject).toBe('Rebound weekly recovery report 2026-W07: 1 incident(s), 0 not yet recovered');
    expect(mail?.text).toContain('Recovered after 6.4 days');
    expect(mail?.attachments?.[0]?.filename).toBe('rebound-report-2026-W07.pdf');
    expect(mail?.attachments?.[0]?.content.subarray(0, 5).toString('ascii')).toBe('%PDF-');
    const api = await createApp(f.s).request('/api/reports/2026-W07?format=html');
    expect(mail?.html).toBe(await api.text());
  });

  it('through the real outbox: one email arrives at the SMTP server, a re-run sends no second one', async () => {
    const monday = new Date('2026-02-23T07:00:00Z');
    expect(await runWeeklyReport(f.s, monday)).toContain('emailed to 2 recipient(s) through the outbox');
    expect(await runWeeklyReport(f.s, monday)).toContain('email already queued earlier');
    await deliverDue(f.s);
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    expect(got?.subject).toBe('Rebound weekly recovery report 2026-W08: 1 incident(s), 0 not yet recovered');
    expect(got?.to.sort()).toEqual(['lead@example.com', 'sec@example.com']);
    expect(got?.raw).toMatch(/Content-Type: application\/pdf; name=rebound-report-2026-W08\.pdf/);
    expect(got?.raw).toContain('Weekly recovery report');
  });
});
