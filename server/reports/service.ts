// Generate-or-fetch for the weekly report, shared by the API, the CLI and the scheduled job so all three give the
// same report for the same week. A finished week's model is built once and stored; every format of that week
// is rendered from the stored model, so HTML, CSV and PDF carry the same numbers. A week still under way is
// built fresh on every request and not stored: its numbers are still moving.
// Storing is for the weekly job, `rebound report` and POST /api/reports/{week}; a GET only reads (viewReport):
// it gives the stored rendering when there is one, else builds one for the answer and keeps nothing.
import type { Services } from '../context.ts';
import { deleteReportWeek, firstDataAt, loadReport, saveReport } from '../store/reports.ts';
import { buildReport } from './build.ts';
import { renderCsv } from './csv.ts';
import { renderHtml } from './html.ts';
import { REPORT_MODEL_VERSION, type ReportModel } from './model.ts';
import type { PaperSize } from './pdf.ts';
import { pdfQueue } from './pdf-queue.ts';
import { parseIsoWeek, weekBounds, WeekError, type WeekBounds } from '#shared/iso-week.ts';

export const REPORT_FORMATS = ['html', 'csv', 'pdf', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  html: 'text/html; charset=utf-8',
  // RFC 4180 registers text/csv with an optional header parameter; ours always has one.
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
  json: 'application/json',
};

export interface ReportFile {
  week: string;
  format: ReportFormat;
  contentType: string;
  filename: string;
  bytes: Buffer;
  generatedAt: string;
  /** False for a week that is not over: such a report is not kept. */
  stored: boolean;
}

export interface ReportRequest { format: ReportFormat; paper?: PaperSize; refresh?: boolean }

// No deliverability data of this kind predates 2000; "0000-W01" is a probe, not a report anyone needs.
const FIRST_REPORT_YEAR = 2000;

/** The week's bounds in the configured zone; a bad, too early, or not yet started week is a WeekError. */
export function reportWeek(text: string, timeZone: string, now: Date): WeekBounds {
  const week = parseIsoWeek(text);
  if (week.year < FIRST_REPORT_YEAR) throw new WeekError(`reports start at ${FIRST_REPORT_YEAR}-W01; ${text.trim()} is before that`);
  const bounds = weekBounds(week, timeZone);
  if (bounds.start.getTime() > now.getTime()) throw new WeekError(`${bounds.label} has not started yet; there is nothing to report`);
  return bounds;
}

// The PDF paper size is part of what is stored: A4 as `pdf`, Letter as `pdf-letter`.
const storageKey = (r: ReportRequest): string => (r.format === 'pdf' && r.paper === 'Letter' ? 'pdf-letter' : r.format);
const fileName = (week: string, r: ReportRequest): string => `rebound-report-${week}${storageKey(r) === 'pdf-letter' ? '-letter' : ''}.${r.format}`;

/** The finished week's stored model, when it was built in the configured zone by this version of the code. */
async function storedModel(s: Services, bounds: WeekBounds): Promise<ReportModel | undefined> {
  const stored = await loadReport(s.db, bounds.label, 'json');
  if (!stored || stored.time_zone !== s.config.reportTimeZone) return undefined;
  const model = JSON.parse(stored.bytes.toString('utf8')) as ReportModel;
  return model.version === REPORT_MODEL_VERSION ? model : undefined;
}

async function modelFor(s: Services, bounds: WeekBounds, keep: boolean, refresh: boolean): Promise<ReportModel> {
  const tz = s.config.reportTimeZone;
  if (keep && !refresh) {
    const stored = await storedModel(s, bounds);
    if (stored) return stored;
  }
  const model = await buildReport(s, bounds);
  if (keep) {
    // A new model invalidates every rendering of the old one.
    await deleteReportWeek(s.db, bounds.label);
    await saveReport(s.db, { week: bounds.label, format: 'json', time_zone: tz, generated_at: model.generated_at, content_type: CONTENT_TYPES.json, bytes: Buffer.from(JSON.stringify(model)) });
  }
  return model;
}

export async function renderReport(model: ReportModel, r: ReportRequest): Promise<Buffer> {
  switch (r.format) {
    case 'html': return Buffer.from(renderHtml(model), 'utf8');
    case 'csv': return Buffer.from(renderCsv(model), 'utf8');
    case 'json': return Buffer.from(JSON.stringify(model, null, 2), 'utf8');
    case 'pdf': {
      // Cached by the figures, not by when they were built: the "generated" line of a cached PDF is when it was.
      const content = JSON.stringify({ ...model, generated_at: null, generated_label: null });
      return pdfQueue.pdf(renderHtml(model), { paper: r.paper ?? 'A4', footer: `Rebound weekly recovery report ${model.week} · ${model.time_zone}` }, content);
    }
  }
}

/**
 * Reports of one week in several formats, from one model: the stored rendering when there is one, else rendered
 * (and stored, for a finished week). `refresh` rebuilds the model from the store first.
 */
export async function reportFiles(s: Services, weekText: string, requests: ReportRequest[], refresh = false): Promise<ReportFile[]> {
  const bounds = reportWeek(weekText, s.config.reportTimeZone, s.now());
  const keep = s.now().getTime() >= bounds.end.getTime();
  const tz = s.config.reportTimeZone;
  let model: ReportModel | undefined;
  const out: ReportFile[] = [];
  for (const r of requests) {
    const key = storageKey(r);
    const base = { week: bounds.label, format: r.format, contentType: CONTENT_TYPES[r.format], filename: fileName(bounds.label, r) };
    if (keep && !refresh && model === undefined) {
      const stored = await loadReport(s.db, bounds.label, key);
      // A rebuild deletes the week's renderings, so a stored one in the current zone belongs to the stored model.
      if (stored && stored.time_zone === tz) {
        out.push({ ...base, bytes: stored.bytes, generatedAt: stored.generated_at, stored: true });
        continue;
      }
    }
    model ??= await modelFor(s, bounds, keep, refresh);
    const bytes = await renderReport(model, r);
    if (keep && key !== 'json') {
      await saveReport(s.db, { week: bounds.label, format: key, time_zone: tz, generated_at: model.generated_at, content_type: base.contentType, bytes });
    }
    out.push({ ...base, bytes, generatedAt: model.generated_at, stored: keep });
  }
  return out;
}

export async function reportFile(s: Services, weekText: string, r: ReportRequest): Promise<ReportFile> {
  const [file] = await reportFiles(s, weekText, [r], r.refresh ?? false);
  if (!file) throw new Error('no report rendered');
  return file;
}

/** HTML, CSV and PDF (A4) of one week from one model: what the weekly job stores and sends. */
export async function reportSet(s: Services, weekText: string, refresh = false): Promise<Record<'html' | 'csv' | 'pdf', ReportFile>> {
  const [html, csv, pdf] = await reportFiles(s, weekText, [{ format: 'html' }, { format: 'csv' }, { format: 'pdf' }], refresh);
  if (!html || !csv || !pdf) throw new Error('report set incomplete');
  return { html, csv, pdf };
}

/** A WeekError unless the week ends after the earliest data in the store (a report of it would be empty). */
export async function requireDataIn(s: Services, bounds: WeekBounds): Promise<void> {
  const first = await firstDataAt(s.db);
  if (first === null) throw new WeekError('the store holds no data yet; load sends or events first');
  const firstMs = Date.parse(`${first.replace(' ', 'T')}Z`);
  if (bounds.end.getTime() <= firstMs) throw new WeekError(`${bounds.label} ends before the earliest data in the store (${first.slice(0, 10)})`);
}

/**
 * One week's report for reading (GET): the stored rendering when there is one (unless `refresh`), else built now
 * from the store for this answer only. Stores nothing.
 */
export async function viewReport(s: Services, weekText: string, r: ReportRequest): Promise<ReportFile> {
  const bounds = reportWeek(weekText, s.config.reportTimeZone, s.now());
  await requireDataIn(s, bounds);
  const base = { week: bounds.label, format: r.format, contentType: CONTENT_TYPES[r.format], filename: fileName(bounds.label, r) };
  const finished = s.now().getTime() >= bounds.end.getTime();
  if (finished && !r.refresh) {
    const stored = await loadReport(s.db, bounds.label, storageKey(r));
    if (stored && stored.time_zone === s.config.reportTimeZone) return { ...base, bytes: stored.bytes, generatedAt: stored.generated_at, stored: true };
  }
  // A stored model keeps the formats of one week in step (the Letter PDF of a week stored as A4, say).
  const model = (finished && !r.refresh ? await storedModel(s, bounds) : undefined) ?? await buildReport(s, bounds);
  return { ...base, bytes: await renderReport(model, r), generatedAt: model.generated_at, stored: false };
}

/** The stored reports, newest week first (GET /api/reports). */
export { listReports } from '../store/reports.ts';
