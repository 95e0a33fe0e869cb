// /api/incidents: declare, list, show and update incidents (docs/incidents.md).
import { z } from 'zod';
import { incident, incidentCreate, incidentUpdate } from '#shared/schema/incidents.ts';
import type { Services } from '../../context.ts';
import { changeIncident, createIncident, INCIDENT_INPUTS, recentIncidents, showIncident } from '../../services/incidents.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';

const idParam = z.object({ id: z.string().min(1).max(64) });
const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });

const list = apiRoute({
  method: 'get', path: '/api/incidents', operationId: 'listIncidents', tags: ['incidents'], summary: 'Open and recent incidents',
  request: { query: z.object({ open: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(1000).optional() }) },
  responses: { 200: { description: 'Incidents, open first', ...json(z.object({ incidents: z.array(incident) })) }, ...errorResponses },
});
const create = apiRoute({
  method: 'post', path: '/api/incidents', operationId: 'createIncident', tags: ['incidents'], summary: 'Declare an incident',
  request: { body: { required: true, ...json(incidentCreate) } },
  responses: { 201: { description: 'The incident, with its id', ...json(incident) }, ...errorResponses },
});
const show = apiRoute({
  method: 'get', path: '/api/incidents/{id}', operationId: 'getIncident', tags: ['incidents'], summary: 'One incident with its checklist',
  request: { params: idParam },
  responses: { 200: { description: 'The incident', ...json(incident) }, ...errorResponses, ...notFound },
});
const update = apiRoute({
  method: 'patch', path: '/api/incidents/{id}', operationId: 'updateIncident', tags: ['incidents'],
  summary: 'Update fields, containment/resolution times, or checklist steps',
  request: { params: idParam, body: { required: true, ...json(incidentUpdate) } },
  responses: { 200: { description: 'The updated incident', ...json(incident) }, ...errorResponses, ...notFound },
});

export function incidentRoutes(s: Services) {
  return router()
    .openapi(list, (c) => {
      const q = c.req.valid('query');
      const openOnly = q.open === 'true';
      return cachedJson(c, s, `incidents:${openOnly}:${q.limit ?? ''}`, INCIDENT_INPUTS, async () =>
        ({ incidents: await recentIncidents(s.db, { openOnly, ...(q.limit ? { limit: q.limit } : {}) }) }));
    })
    .openapi(create, async (c) => c.json(await createIncident(s.db, c.req.valid('json')), 201))
    .openapi(show, (c) => {
      const { id } = c.req.valid('param');
      return cachedJson(c, s, `incident:${id}`, INCIDENT_INPUTS, () => showIncident(s.db, id));
    })
    .openapi(update, async (c) => c.json(await changeIncident(s.db, c.req.valid('param').id, c.req.valid('json')), 200));
}
