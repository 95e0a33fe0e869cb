// /api/incidents/:id/apology/check (docs/incidents.md): an apology draft, as JSON fields or a raw message/rfc822 body,
// checked against the crisis playbook in the incident's context. Also mounts the incident's timeline annotations.
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { apologyCheckBody, apologyResult } from '#shared/apology/schema.ts';
import { MAX_EML_BYTES } from '../../apology/eml.ts';
import { bodyFromEml, checkApologyFor } from '../../apology/service.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';
import { annotationRoutes } from './annotations.ts';

const EML_TYPE = 'message/rfc822';
const CHECK_PATH = '/api/incidents/:id/apology/check';

const check = apiRoute({
  method: 'post', path: '/api/incidents/{id}/apology/check', operationId: 'checkApology', tags: ['apology'],
  summary: 'Check an apology draft against the playbook (clear subject, real sender, apology, protective steps, no jokes or weasel words, branded template)',
  description: 'Send the draft as JSON `{ from, reply_to, subject, text, html, personal_data_exposed? }` or as a raw RFC 5322 message (Content-Type: message/rfc822, with `?personal_data_exposed=true` if it applies). Personal data counts as exposed for a data_breach incident. Verdict: block if any finding blocks, else warn if any warns, else ok.',
  request: {
    params: z.object({ id: z.string().min(1).max(64) }),
    query: z.object({ personal_data_exposed: z.enum(['true', 'false']).optional() }),
    body: { content: { 'application/json': { schema: apologyCheckBody }, [EML_TYPE]: { schema: z.string() } } },
  },
  responses: {
    200: { description: 'The verdict and one finding per rule that fired, with the quoted evidence and the fix', content: { 'application/json': { schema: apologyResult } } },
    ...errorResponses, ...notFound,
  },
});

export function apologyRoutes(s: Services) {
  const app = router();
  app.use(CHECK_PATH, bodyLimit({ maxSize: MAX_EML_BYTES, onError: () => { throw new ApiError('payload_too_large', `drafts are limited to ${MAX_EML_BYTES} bytes`); } }));
  return app
    .openapi(check, async (c) => {
      const { id } = c.req.valid('param');
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      let body: Record<string, unknown>;
      if (type === EML_TYPE) {
        body = await bodyFromEml(Buffer.from(await c.req.arrayBuffer()));
        if (c.req.valid('query').personal_data_exposed === 'true') body['personal_data_exposed'] = true;
      } else {
        // Without a JSON content type the validator let an empty body through; the service validates again.
        body = c.req.valid('json') as Record<string, unknown>;
      }
      return c.json(await checkApologyFor(s.db, s.config, id, body), 200);
    })
    .route('/', annotationRoutes(s));
}
