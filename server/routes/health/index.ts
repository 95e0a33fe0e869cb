// /api/health: is the server up, and can it read its store.
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../context.ts';
import { errorResponses, router } from '../openapi.ts';

const VERSION = '0.1.0';

const health = createRoute({
  method: 'get', path: '/api/health', tags: ['meta'], summary: 'Liveness and store check',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), version: z.string(), store: z.string(), time: z.string() }) } } },
    ...errorResponses,
  },
});

export function healthRoutes(s: Services) {
  return router().openapi(health, async (c) => {
    await s.db.one('SELECT 1 AS ok');
    return c.json({ status: 'ok' as const, version: VERSION, store: s.db.path, time: s.now().toISOString() }, 200);
  });
}
