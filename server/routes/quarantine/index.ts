// GET /api/quarantine: webhook events kept because Rebound could not use them (counts by ESP and reason, and the
// newest events as received); POST /api/quarantine/replay reads them again after a fix. The payloads may hold
// recipient addresses, so even the read needs the editor role, like an incident's audience.csv.
import { z } from 'zod';
import { quarantineList, quarantineReplay } from '#shared/schema/quarantine.ts';
import { requireRole } from '../../auth.ts';
import type { Services } from '../../context.ts';
import { replayQuarantine } from '../../ingest/webhooks/quarantine-replay.ts';
import { listQuarantine } from '../../services/quarantine.ts';
import { apiRoute, errorResponses, router } from '../openapi.ts';

const list = apiRoute({
  method: 'get', path: '/api/quarantine', operationId: 'listQuarantine', tags: ['sources'],
  summary: 'Quarantined webhook events: counts by ESP and reason, and the newest events as received (editor: they may hold addresses)',
  middleware: [requireRole('editor')] as const,
  request: { query: z.object({ esp: z.string().max(32).optional(), limit: z.coerce.number().int().min(0).max(1000).default(100) }) },
  responses: { 200: { description: 'The quarantine', content: { 'application/json': { schema: quarantineList } } }, ...errorResponses },
});

const replay = apiRoute({
  method: 'post', path: '/api/quarantine/replay', operationId: 'replayQuarantine', tags: ['sources'],
  summary: 'Reads quarantined events again with today\'s mapping and settings; usable ones move into the store (idempotent)',
  request: {
    query: z.object({
      esp: z.string().max(32).optional(),
      ids: z.string().regex(/^\d+(,\d+)*$/, 'must be comma-separated quarantine ids').optional(),
    }),
  },
  responses: { 200: { description: 'What the replay did', content: { 'application/json': { schema: quarantineReplay } } }, ...errorResponses },
});

export function quarantineRoutes(s: Services) {
  return router()
    .openapi(list, async (c) => {
      const { esp, limit } = c.req.valid('query');
      return c.json(await listQuarantine(s.db, { esp, limit }), 200);
    })
    .openapi(replay, async (c) => {
      const { esp, ids } = c.req.valid('query');
      return c.json(await replayQuarantine(s, { ...(esp ? { esp } : {}), ...(ids ? { ids: ids.split(',').map(Number) } : {}) }), 200);
    });
}
