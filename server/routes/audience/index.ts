// The audience guard's routes (docs/incidents.md): the affected audience of an incident, its CSV export, and the recipient
// lists a team uploads (suppression list, apology list).
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { audienceSummary, listUploadResult, RECIPIENT_LISTS } from '#shared/schema/audience.ts';
import { requireRole } from '../../auth.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { affectedCsv, AUDIENCE_INPUTS, audienceOf, removeList, uploadList } from '../../services/audience.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';

// A list of a few million addresses is tens of megabytes; beyond this it is not a recipient list.
export const MAX_LIST_BYTES = 64 * 1024 ** 2;
export const LIST_PATH = '/api/incidents/:id/lists/:list';

const idParam = z.object({ id: z.string().min(1).max(64) });
const listParams = idParam.extend({ list: z.enum(RECIPIENT_LISTS) });
const rejected = { 422: { description: 'Lines rejected; the list is unchanged (details list every line and reason)', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) }) } } } };

const summary = apiRoute({
  method: 'get', path: '/api/incidents/{id}/audience', operationId: 'getAudience', tags: ['audience'],
  summary: 'Whom the incident reached: recipients of its sends, minus bounces, minus the suppression list; and whether the apology list or send stays within it',
  request: { params: idParam },
  responses: { 200: { description: 'The affected audience in counts', content: { 'application/json': { schema: audienceSummary } } }, ...errorResponses, ...notFound },
});
const exportCsv = apiRoute({
  method: 'get', path: '/api/incidents/{id}/audience.csv', operationId: 'getAudienceCsv', tags: ['audience'],
  summary: 'The affected audience as CSV (one `recipient` column): the list to send the apology to. Personal data: needs the editor role.',
  middleware: [requireRole('editor')] as const,
  request: { params: idParam },
  responses: { 200: { description: 'CSV, one recipient per row', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses, ...notFound },
});
const upload = apiRoute({
  method: 'put', path: '/api/incidents/{id}/lists/{list}', operationId: 'putRecipientList', tags: ['audience'],
  summary: 'Replace the incident\'s suppression or apology recipient list',
  description: 'The raw body (text/csv or text/plain): one recipient per line, or CSV whose header names a recipient, email, email_address or address column. A bad line rejects the upload and keeps the list as it was.',
  request: { params: listParams, body: { content: { 'text/csv': { schema: z.string() }, 'text/plain': { schema: z.string() } } } },
  responses: { 200: { description: 'Stored', content: { 'application/json': { schema: listUploadResult } } }, ...errorResponses, ...notFound, ...rejected },
});
const remove = apiRoute({
  method: 'delete', path: '/api/incidents/{id}/lists/{list}', operationId: 'deleteRecipientList', tags: ['audience'], summary: 'Forget an uploaded recipient list',
  request: { params: listParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...notFound },
});

export function audienceRoutes(s: Services) {
  const app = router();
  app.use(LIST_PATH, bodyLimit({ maxSize: MAX_LIST_BYTES, onError: () => { throw new ApiError('payload_too_large', `recipient lists are limited to ${MAX_LIST_BYTES} bytes`); } }));
  return app
    .openapi(summary, (c) => {
      const { id } = c.req.valid('param');
      return cachedJson(c, s, `audience:${id}`, AUDIENCE_INPUTS, () => audienceOf(s.db, id));
    })
    .openapi(exportCsv, async (c) => {
      const { id } = c.req.valid('param');
      const lines = affectedCsv(s.db, id);
      // The first chunk before the headers: an unknown incident is still a JSON 404, not a broken download.
      const first = await lines.next();
      const enc = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(ctrl) { if (!first.done) ctrl.enqueue(enc.encode(first.value)); },
        async pull(ctrl) {
          const next = await lines.next();
          if (next.done) ctrl.close();
          else ctrl.enqueue(enc.encode(next.value));
        },
      });
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${id.replace(/[^A-Za-z0-9_-]/g, '_')}-affected-audience.csv"`,
        'cache-control': 'no-store',
      });
    })
    .openapi(upload, async (c) => {
      const { id, list } = c.req.valid('param');
      return c.json(await uploadList(s.db, id, list, await c.req.text()), 200);
    })
    .openapi(remove, async (c) => {
      const { id, list } = c.req.valid('param');
      await removeList(s.db, id, list);
      return c.body(null, 204);
    });
}
