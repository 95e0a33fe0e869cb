// /api/data/summary: what has been loaded (the dashboard's data page), and /api/session: the caller's role, so
// the dashboard can hide what the role may not do. Both are reads, so any signed-in role may call them.
import { dataSummary as dataSummarySchema, sessionInfo } from '#shared/schema/data-summary.ts';
import type { Services } from '../../context.ts';
import { DATA_SUMMARY_INPUTS, dataSummary } from '../../services/store-state.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, router } from '../openapi.ts';

const summary = apiRoute({
  method: 'get', path: '/api/data/summary', operationId: 'getDataSummary', tags: ['data'],
  summary: 'Streams, providers, date range of sends, row counts and the latest ingest run',
  responses: {
    200: { description: 'What the store holds', content: { 'application/json': { schema: dataSummarySchema } } },
    ...errorResponses,
  },
});

const session = apiRoute({
  method: 'get', path: '/api/session', operationId: 'getSession', tags: ['meta'],
  summary: 'The role of the presented token (admin for local use without REBOUND_TOKENS)',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: sessionInfo } } },
    ...errorResponses,
  },
});

export function dataRoutes(s: Services) {
  return router()
    .openapi(summary, (c) => cachedJson(c, s, 'data-summary', DATA_SUMMARY_INPUTS, () => dataSummary(s.db)))
    .openapi(session, (c) => c.json({ role: c.get('role'), tokens_required: s.config.tokens !== null }, 200));
}
