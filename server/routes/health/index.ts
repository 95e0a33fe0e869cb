// /api/health: is the server up, and can it read its store. Served without a token (server/auth.ts), so the answer
// is only { "status": "ok" }: no store path, no versions, no data, nothing that helps someone probing the server.
import { z } from 'zod';
import type { Services } from '../../context.ts';
import { apiRoute, errorResponses, NO_TOKEN, router } from '../openapi.ts';

const health = apiRoute({
  method: 'get', path: '/api/health', operationId: 'getHealth', tags: ['meta'], summary: 'Liveness and store check; needs no token',
  security: NO_TOKEN,
  responses: {
    200: { description: 'Up, and the store answers', content: { 'application/json': { schema: z.strictObject({ status: z.literal('ok') }) } } },
    ...errorResponses,
  },
});

export function healthRoutes(s: Services) {
  return router().openapi(health, async (c) => {
    await s.db.one('SELECT 1 AS ok');
    return c.json({ status: 'ok' as const }, 200);
  });
}
