// POST /api/store/check: the store check on demand (what `rebound check` calls while a server holds the store;
// docs/integrity.md). Repairing changes the store, and looking reads every run's state: both are the admin's.
import { requireRole } from '../../auth.ts';
import type { Services } from '../../context.ts';
import { checkStore } from '../../services/store-state.ts';
import { apiRoute, errorResponses, router } from '../openapi.ts';
import { storeCheckReport, storeCheckRequest } from '#shared/schema/integrity.ts';

const check = apiRoute({
  method: 'post', path: '/api/store/check', operationId: 'checkStore', tags: ['meta'],
  summary: "Check the store's invariants (runs, events, send roll-ups, alerts), and with repair put right what is found (admin)",
  request: { body: { required: false, content: { 'application/json': { schema: storeCheckRequest } } } },
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'What was found, and whether it was put right', content: { 'application/json': { schema: storeCheckReport } } },
    ...errorResponses,
  },
});

export function storeRoutes(s: Services) {
  return router().openapi(check, async (c) => {
    // Without a body: look only, at everything.
    const body = storeCheckRequest.parse(c.req.valid('json') ?? {});
    return c.json(await checkStore(s.db, body), 200);
  });
}
