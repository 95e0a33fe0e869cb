// POST /api/webhooks/:esp (SPEC 3.5): ESP event webhooks. Called by the ESP without a Rebound token — the ESP's
// own signature is the authentication (server/auth.ts exempts exactly this route) — so the body is read as raw
// bytes before anything parses it: a signature is over the bytes as sent.
import { createRoute } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { apiError } from '../../../shared/schema/api-error.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import type { WebhookDeps } from '../../ingest/webhooks/common.ts';
import { defaultWebhookDeps, receiveWebhook } from '../../ingest/webhooks/receive.ts';
import { router } from '../openapi.ts';

// ESPs batch events (SendGrid up to about a thousand per post); 10 MiB is far beyond any real batch.
export const MAX_WEBHOOK_BYTES = 10 * 1024 ** 2;

const answer = z.object({
  esp: z.string(), received: z.number().int(), ignored: z.number().int(), stored: z.number().int(),
  duplicate: z.number().int(), rejected: z.number().int(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  subscription: z.enum(['confirmed', 'recorded']).optional(),
});
const error = (description: string) => ({ description, content: { 'application/json': { schema: apiError } } });

const receive = createRoute({
  method: 'post', path: '/api/webhooks/{esp}', tags: ['sources'],
  summary: 'ESP event webhook: sendgrid, ses (via SNS), mailgun or sparkpost',
  description: 'Authenticated by the ESP\'s own signature (SendGrid ECDSA, SNS message signature, Mailgun HMAC, SparkPost basic auth), not by a Rebound token. Events without a send_id or stream are listed as rejections; the rest are stored.',
  request: { params: z.object({ esp: z.string().max(32) }) },
  responses: {
    200: { description: 'Stored (replays are idempotent)', content: { 'application/json': { schema: answer } } },
    400: error('Not this ESP\'s payload; nothing stored'),
    401: error('Bad or missing signature; nothing stored'),
    404: error('No such ESP, or its key is not configured'),
  },
});

export function webhookRoutes(s: Services, deps: WebhookDeps = defaultWebhookDeps(s.now)) {
  const app = router();
  app.use('/api/webhooks/*', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: () => { throw new ApiError('payload_too_large', `webhook posts are limited to ${MAX_WEBHOOK_BYTES} bytes`); } }));
  return app.openapi(receive, async (c) => {
    const body = Buffer.from(await c.req.arrayBuffer());
    const result = await receiveWebhook(s, c.req.valid('param').esp, { body, header: (n) => c.req.header(n) }, deps);
    return c.json(result, 200);
  });
}
