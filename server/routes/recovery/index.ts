// /api/incidents/:id/recovery (the recovery JSON, docs/data-formats.md) and /api/evaluate (run the evaluation now).
import { z } from 'zod';
import { incident } from '#shared/schema/incidents.ts';
import { recoveryResponseSchema } from '#shared/schema/recovery.ts';
import { watchRunSchema } from '#shared/schema/suspects.ts';
import type { Services } from '../../context.ts';
import { evaluateDue, RECOVERY_INPUTS, recoveryOf } from '../../services/recovery.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';

const recovery = apiRoute({
  method: 'get', path: '/api/incidents/{id}/recovery', operationId: 'getRecovery', tags: ['recovery'],
  summary: 'The recovery of one incident: every series against its baseline, dips, status, time to recover',
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: { 200: { description: 'The recovery JSON (docs/data-formats.md)', content: { 'application/json': { schema: recoveryResponseSchema(incident) } } }, ...errorResponses, ...notFound },
});

const evaluate = apiRoute({
  method: 'post', path: '/api/evaluate', operationId: 'evaluateRecovery', tags: ['recovery'],
  summary: 'Run the evaluation now (every due incident, or one) and, for a full run, the watch over every stream',
  request: { query: z.object({ incident: z.string().min(1).max(64).optional() }) },
  responses: {
    200: {
      description: 'What was evaluated',
      content: {
        'application/json': {
          schema: z.object({
            evaluated: z.array(z.object({ id: z.string(), status: z.string() })),
            failed: z.array(z.object({ id: z.string(), error: z.string() })),
            // What the alert rules raised after the evaluations (docs/alerts.md), and the outbox's delivery round.
            alerts: z.object({ notifications: z.number().int(), emails: z.number().int(), posts: z.number().int(), unaddressed: z.number().int() }),
            // The watch over every stream (docs/watch.md): null when off or when one incident was named.
            watch: watchRunSchema.extend({ raised: z.array(z.string()), open: z.array(z.string()) }).nullable(),
            watchError: z.string().nullable(),
            delivery: z.object({ sent: z.number().int(), retrying: z.number().int(), failed: z.number().int() }),
          }),
        },
      },
    },
    ...errorResponses, ...notFound,
  },
});

export function recoveryRoutes(s: Services) {
  return router()
    .openapi(recovery, (c) => {
      const { id } = c.req.valid('param');
      return cachedJson(c, s, `recovery:${id}`, RECOVERY_INPUTS, () => recoveryOf(s, id));
    })
    .openapi(evaluate, async (c) => c.json(await evaluateDue(s, c.req.valid('query').incident), 200));
}
