// /api/reports: the weekly recovery reports — the list of stored ones, one week's report in HTML, CSV, PDF or the
// JSON model (GET: the stored one, or built for the answer and not kept), and POST to build and store a week.
import { z } from 'zod';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { PAPER_SIZES, PdfError } from '../../reports/pdf.ts';
import { PdfBusyError } from '../../reports/pdf-queue.ts';
import { listReports, REPORT_FORMATS, reportSet, reportWeek, requireDataIn, viewReport } from '../../reports/service.ts';
import { WeekError } from '#shared/iso-week.ts';
import { apiRoute, errorResponses, router } from '../openapi.ts';
import { reportListing } from '#shared/schema/sources.ts';


const list = apiRoute({
  method: 'get', path: '/api/reports', operationId: 'listReports', tags: ['reports'], summary: 'Stored weekly reports, newest week first',
  responses: { 200: { description: 'Reports (one entry per week × format)', content: { 'application/json': { schema: z.object({ reports: z.array(reportListing) }) } } }, ...errorResponses },
});

const weekParam = z.object({ week: z.string().min(1).max(16).openapi({ example: '2026-W09', description: 'ISO 8601 week, YYYY-Www' }) });
const binary = { schema: z.string().openapi({ format: 'binary' }) };
const download = apiRoute({
  method: 'get', path: '/api/reports/{week}', operationId: 'getReport', tags: ['reports'],
  summary: "One week's recovery report: the stored one, or built now from the store for this answer (a GET stores nothing)",
  description: 'Weeks before 2000, before the earliest data in the store, or not yet started are a 400. PDF renders run one at a time; when several are already waiting the answer is 503 (try again shortly).',
  request: {
    params: weekParam,
    query: z.object({
      format: z.enum(REPORT_FORMATS).default('html'),
      paper: z.enum(['a4', 'letter']).default('a4').openapi({ description: 'PDF paper size' }),
      refresh: z.enum(['true', 'false']).default('false').openapi({ description: 'rebuild from the current data' }),
    }),
  },
  responses: {
    200: {
      description: 'The report file, with Content-Disposition naming it',
      content: { 'text/html': binary, 'text/csv': binary, 'application/pdf': binary, 'application/json': binary },
    },
    ...errorResponses,
  },
});

const generate = apiRoute({
  method: 'post', path: '/api/reports/{week}', operationId: 'buildReport', tags: ['reports'],
  summary: "Build one week's report in HTML, CSV and PDF and store it (a finished week; a week under way is built but not kept)",
  request: { params: weekParam, query: z.object({ refresh: z.enum(['true', 'false']).default('false').openapi({ description: 'rebuild from the current data' }) }) },
  responses: {
    200: { description: 'What was built, and whether it was stored', content: { 'application/json': { schema: z.object({ week: z.string(), stored: z.boolean(), files: z.array(z.object({ format: z.string(), size: z.number().int(), url: z.string() })) }) } } },
    ...errorResponses,
  },
});

/** The API's answer for the report errors: a bad week is the caller's, a busy or missing Chromium is not. */
function reportError(err: unknown): never {
  if (err instanceof WeekError) throw new ApiError('validation_failed', `week: ${err.message}`, [{ field: 'week', message: err.message }]);
  if (err instanceof PdfBusyError) throw new ApiError('busy', err.message);
  if (err instanceof PdfError) throw new ApiError('internal', err.message);
  throw err;
}

const urlOf = (week: string, format: string): string => {
  const [kind, paper] = format.split('-');
  return `/api/reports/${week}?format=${kind}${paper ? `&paper=${paper}` : ''}`;
};

export function reportRoutes(s: Services) {
  return router()
    .openapi(list, async (c) => {
      // The model is stored as `json` too; it is listed, as the dashboard can use it.
      const rows = await listReports(s.db);
      return c.json({ reports: rows.map((r) => ({ ...r, url: urlOf(r.week, r.format) })) }, 200);
    })
    .openapi(download, async (c) => {
      const { week } = c.req.valid('param');
      const q = c.req.valid('query');
      try {
        const file = await viewReport(s, week, { format: q.format, paper: q.paper === 'letter' ? 'Letter' : PAPER_SIZES[0], refresh: q.refresh === 'true' });
        // HTML opens in the browser; the others download. Both carry the file name.
        const disposition = q.format === 'html' ? 'inline' : 'attachment';
        return c.body(new Uint8Array(file.bytes), 200, {
          'content-type': file.contentType,
          'content-disposition': `${disposition}; filename="${file.filename}"`,
          'cache-control': file.stored ? 'private, max-age=300' : 'no-store',
        });
      } catch (err) {
        return reportError(err);
      }
    })
    .openapi(generate, async (c) => {
      const { week } = c.req.valid('param');
      try {
        await requireDataIn(s, reportWeek(week, s.config.reportTimeZone, s.now()));
        const set = await reportSet(s, week, c.req.valid('query').refresh === 'true');
        const files = Object.values(set).map((f) => ({ format: f.format, size: f.bytes.length, url: urlOf(f.week, f.format) }));
        return c.json({ week: set.html.week, stored: set.html.stored, files }, 200);
      } catch (err) {
        return reportError(err);
      }
    });
}
