// /api/suspects: suspected incidents the watch found (docs/watch.md) — list and show (viewers), declare as an
// incident and dismiss with who and why (editors).
import { z } from 'zod';
import { incident } from '#shared/schema/incidents.ts';
import { SUSPECT_STATUSES, suspectDeclare, suspectDismiss, suspectList, suspectSchema } from '#shared/schema/suspects.ts';
import type { Services } from '../../context.ts';
import { declareSuspect, dismissSuspect, showSuspect, SUSPECT_INPUTS, suspectsOf } from '../../services/suspects.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';
import { apiError } from '#shared/schema/api-error.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const conflict = { 409: { description: 'The suspect is no longer open (declared or dismissed already)', ...json(apiError) } } as const;

const list = apiRoute({
  method: 'get', path: '/api/suspects', tags: ['suspects'], operationId: 'listSuspects',
  summary: 'Suspected incidents: dips no declared incident explains, open first, with the watch\'s last run',
  request: {
    query: z.object({
      status: z.enum(SUSPECT_STATUSES, { message: `must be one of ${SUSPECT_STATUSES.join(', ')}` }).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
    }),
  },
  responses: { 200: { description: 'Suspects and the last run of the watch', ...json(suspectList) }, ...errorResponses },
});
const show = apiRoute({
  method: 'get', path: '/api/suspects/{id}', tags: ['suspects'], operationId: 'getSuspect',
  summary: 'One suspected incident with its evidence series',
  request: { params: idParam },
  responses: { 200: { description: 'The suspect', ...json(suspectSchema) }, ...errorResponses, ...notFound },
});
const declare = apiRoute({
  method: 'post', path: '/api/suspects/{id}/declare', tags: ['suspects'], operationId: 'declareSuspect',
  summary: 'Declare a suspect as an incident: occurred_at its first dip, its streams and providers (editor)',
  request: { params: idParam, body: { required: false, ...json(suspectDeclare) } },
  responses: {
    201: { description: 'The suspect, now declared, and the incident', ...json(z.object({ suspect: suspectSchema, incident })) },
    ...errorResponses, ...notFound, ...conflict,
  },
});
const dismiss = apiRoute({
  method: 'post', path: '/api/suspects/{id}/dismiss', tags: ['suspects'], operationId: 'dismissSuspect',
  summary: 'Dismiss a suspect, saying who and why (editor)',
  request: { params: idParam, body: { required: true, ...json(suspectDismiss) } },
  responses: { 200: { description: 'The suspect, dismissed', ...json(suspectSchema) }, ...errorResponses, ...notFound, ...conflict },
});

export function suspectRoutes(s: Services) {
  return router()
    .openapi(list, (c) => {
      const q = c.req.valid('query');
      return cachedJson(c, s, `suspects:${q.status ?? ''}:${q.limit ?? ''}`, SUSPECT_INPUTS, () =>
        suspectsOf(s, { ...(q.status ? { status: q.status } : {}), ...(q.limit ? { limit: q.limit } : {}) }));
    })
    .openapi(show, (c) => {
      const { id } = c.req.valid('param');
      return cachedJson(c, s, `suspect:${id}`, SUSPECT_INPUTS, () => showSuspect(s, id));
    })
    .openapi(declare, async (c) => {
      // The body is optional: with none (or an empty one) every incident field comes from the suspect.
      const body = (c.req.header('content-type') ?? '').includes('application/json') ? c.req.valid('json') : {};
      return c.json(await declareSuspect(s, c.req.valid('param').id, body ?? {}), 201);
    })
    .openapi(dismiss, async (c) => c.json(await dismissSuspect(s, c.req.valid('param').id, c.req.valid('json')), 200));
}
