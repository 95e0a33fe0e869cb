// /api/ingest (a file upload or a raw NDJSON/CSV body), /api/events (JSON batches), /api/ingest/runs.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ingestResult, ingestRun } from '#shared/schema/ingest.ts';
import { INPUT_KINDS } from '#shared/schema/inputs.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { IngestError, ingestStream, type IngestResult } from '../../ingest/ingest.ts';
import { tooDeep } from '../../ingest/json-depth.ts';
import { FORMATS } from '../../ingest/records.ts';
import { recentRuns } from '../../services/store-state.ts';
import { apiRoute, errorResponses, router } from '../openapi.ts';

// Uploads stream straight into staging, so the cap guards the disk, not memory: 2 GiB covers a month of events
// of a large program. JSON batches are parsed whole, so they get a much smaller cap.
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
export const MAX_JSON_BATCH_BYTES = 10 * 1024 ** 2;
// A multipart upload is parsed whole in memory by the framework; larger files must come as the raw body, which
// streams.
export const MAX_MULTIPART_BYTES = 100 * 1024 ** 2;

const query = z.object({
  kind: z.enum(INPUT_KINDS).optional(),
  format: z.enum(FORMATS).optional(),
  skip_bad: z.enum(['true', 'false']).optional(),
  name: z.string().max(200).optional(),
});
const jsonResult = { content: { 'application/json': { schema: ingestResult } } };
const rejected = { 422: { description: 'Records rejected; nothing stored (details list every line and reason)', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string(), details: ingestResult }) }) } } } };

const upload = apiRoute({
  method: 'post', path: '/api/ingest', operationId: 'ingestFile', tags: ['ingest'],
  summary: 'Load a file of events, send summaries or seed tests (docs/data-formats.md)',
  description: 'Send the file as the raw body (application/x-ndjson or text/csv) or as the field `file` of a multipart/form-data upload. Kind and format are detected from the header or first record; `kind` and `format` override. A bad record rejects the whole file unless skip_bad=true.',
  request: {
    query,
    body: { content: { 'application/x-ndjson': { schema: z.string() }, 'text/csv': { schema: z.string() } } },
  },
  responses: { 200: { description: 'Stored (or partly, with skip_bad)', ...jsonResult }, ...errorResponses, ...rejected },
});

// An event is a flat record (docs/data-formats.md): a field holding an object already fails its check with a clear reason;
// 32 levels leave room for that, and stop a record nested thousands deep before anything recurses into it.
export const MAX_EVENT_NESTING = 32;
const eventRecord = z.record(z.string(), z.unknown()).superRefine((e, ctx) => {
  const at = tooDeep(e, MAX_EVENT_NESTING);
  if (at !== null) ctx.addIssue({ code: 'custom', path: at.slice(0, 1), message: `is nested more than ${MAX_EVENT_NESTING} levels deep; events are flat records` });
});

const events = apiRoute({
  method: 'post', path: '/api/events', operationId: 'ingestEvents', tags: ['ingest'], summary: 'Load a JSON batch of events (docs/data-formats.md)',
  request: {
    query: query.pick({ skip_bad: true }),
    body: { required: true, content: { 'application/json': { schema: z.object({ events: z.array(eventRecord).min(1).max(100_000) }) } } },
  },
  responses: { 200: { description: 'Stored', ...jsonResult }, ...errorResponses, ...rejected },
});

const runs = apiRoute({
  method: 'get', path: '/api/ingest/runs', operationId: 'listIngestRuns', tags: ['ingest'], summary: 'Recent ingests and pulls with their results',
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: { description: 'Newest first', content: { 'application/json': { schema: z.object({ runs: z.array(ingestRun) }) } } }, ...errorResponses },
});

function answer(result: IngestResult): IngestResult {
  if (result.status === 'rejected') {
    throw new ApiError('rejected', `${result.rejected} record(s) rejected; nothing stored (first: line ${result.rejections[0]?.line}: ${result.rejections[0]?.reason})`, result);
  }
  return result;
}

async function run(s: Services, name: string, body: Readable, q: z.infer<typeof query>): Promise<IngestResult> {
  try {
    return answer(await ingestStream(s.db, name, body, {
      ...(q.kind ? { kind: q.kind } : {}), ...(q.format ? { format: q.format } : {}), skipBad: q.skip_bad === 'true',
    }));
  } catch (err) {
    if (err instanceof IngestError) throw new ApiError('bad_request', err.message, { field: err.field ?? 'body' });
    throw err;
  }
}

export function ingestRoutes(s: Services) {
  const app = router();
  app.use('/api/ingest', bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: () => { throw new ApiError('payload_too_large', `uploads are limited to ${MAX_UPLOAD_BYTES} bytes`); } }));
  // Counted as the body streams in, not trusted from Content-Length: a chunked multipart upload had no cap but the
  // 2 GiB one and was parsed whole in memory (the security tests, docs/security.md).
  const multipartLimit = bodyLimit({ maxSize: MAX_MULTIPART_BYTES, onError: () => { throw new ApiError('payload_too_large', `multipart uploads are limited to ${MAX_MULTIPART_BYTES} bytes; send larger files as the raw request body, which streams`); } });
  app.use('/api/ingest', async (c, next) => ((c.req.header('content-type') ?? '').startsWith('multipart/form-data') ? multipartLimit(c, next) : next()));
  app.use('/api/events', bodyLimit({ maxSize: MAX_JSON_BATCH_BYTES, onError: () => { throw new ApiError('payload_too_large', `JSON batches are limited to ${MAX_JSON_BATCH_BYTES} bytes; upload a file to /api/ingest instead`); } }));
  return app
    .openapi(upload, async (c) => {
      const q = c.req.valid('query');
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('multipart/form-data')) {
        const length = Number(c.req.header('content-length') ?? 0);
        if (length > MAX_MULTIPART_BYTES) {
          throw new ApiError('payload_too_large', `multipart uploads are limited to ${MAX_MULTIPART_BYTES} bytes; send larger files as the raw request body, which streams`);
        }
        const form = await c.req.parseBody();
        const file = form['file'];
        if (!(file instanceof File)) throw new ApiError('validation_failed', 'file: a multipart upload needs a file in the field "file"', [{ field: 'file', message: 'is required' }]);
        const body = Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>);
        return c.json(await run(s, q.name ?? file.name, body, q), 200);
      }
      const raw = c.req.raw.body;
      if (!raw) throw new ApiError('validation_failed', 'body: the request has no body', [{ field: 'body', message: 'is required' }]);
      const format = q.format ?? (type.includes('csv') ? 'csv' : type.includes('json') ? 'ndjson' : undefined);
      return c.json(await run(s, q.name ?? 'upload', Readable.fromWeb(raw as WebReadableStream<Uint8Array>), { ...q, ...(format ? { format } : {}) }), 200);
    })
    .openapi(events, async (c) => {
      const { events: batch } = c.req.valid('json');
      // The batch goes through the same path as a file: line N is events[N-1].
      const lines = Readable.from(batch.map((e) => `${JSON.stringify(e)}\n`));
      return c.json(await run(s, 'api:events', lines, { kind: 'events', format: 'ndjson', skip_bad: c.req.valid('query').skip_bad }), 200);
    })
    .openapi(runs, async (c) => c.json({ runs: await recentRuns(s.db, c.req.valid('query').limit) }, 200));
}
