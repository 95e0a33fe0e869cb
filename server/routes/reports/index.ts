// /api/reports: the weekly recovery reports (SPEC 6) — the list of stored ones, and one week's report in HTML,
// CSV, PDF or the JSON model, generated on first request and kept once the week is over.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { PAPER_SIZES, PdfError } from '../../reports/pdf.ts';
import { REPORT_FORMATS, reportFile } from '../../reports/service.ts';
import { WeekError } from '../../../shared/iso-week.ts';
import { listReports } from '../../store/reports.ts';
import { errorResponses, router } from '../openapi.ts';
import { reportListing } from '../../../shared/schema/sources.ts';


const list = createRoute({
  method: 'get', path: '/api/reports', tags: ['reports'], summary: 'Stored weekly reports, newest week first',
  responses: { 200: { description: 'Reports (one entry per week × format)', content: { 'application/json': { schema: z.object({ reports: z.array(reportListing) }) } } }, ...errorResponses },
});

const binary = { schema: z.string().openapi({ format: 'binary' }) };
const download = createRoute({
  method: 'get', path: '/api/reports/{week}', tags: ['reports'],
  summary: "One week's recovery report: the stored one, or generated now (and stored once the week is over)",
  request: {
    params: z.object({ week: z.string().min(1).max(16).openapi({ example: '2026-W09', description: 'ISO 8601 week, YYYY-Www' }) }),
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
        const file = await reportFile(s, week, { format: q.format, paper: q.paper === 'letter' ? 'Letter' : PAPER_SIZES[0], refresh: q.refresh === 'true' });
        // HTML opens in the browser; the others download. Both carry the file name.
        const disposition = q.format === 'html' ? 'inline' : 'attachment';
        return c.body(new Uint8Array(file.bytes), 200, {
          'content-type': file.contentType,
          'content-disposition': `${disposition}; filename="${file.filename}"`,
          'cache-control': file.stored ? 'private, max-age=300' : 'no-store',
        });
      } catch (err) {
        if (err instanceof WeekError) throw new ApiError('validation_failed', `week: ${err.message}`, [{ field: 'week', message: err.message }]);
        if (err instanceof PdfError) throw new ApiError('internal', err.message);
        throw err;
      }
    });
}
