// POST /api/webhooks/:esp: ESP event webhooks. Called by the ESP without a Rebound token — the ESP's own signature
// is the authentication (server/auth.ts exempts exactly this route) — so the body is read as raw bytes before
// anything parses it: a signature is over the bytes as sent. POST /api/webhooks/:esp/replay takes a saved payload
// from someone with a Rebound token (editor) through the same reading and load (docs/webhooks.md).
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { apiError } from '#shared/schema/api-error.ts';
import { webhookAnswer } from '#shared/schema/quarantine.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import type { WebhookDeps } from '../../ingest/webhooks/common.ts';
import { defaultWebhookDeps, receiveWebhook, replayPayload } from '../../ingest/webhooks/receive.ts';
import { apiRoute, errorResponses, NO_TOKEN, router } from '../openapi.ts';

// ESPs batch events (SendGrid up to about a thousand per post); 10 MiB is far beyond any real batch.
export const MAX_WEBHOOK_BYTES = 10 * 1024 ** 2;

const error = (description: string) => ({ description, content: { 'application/json': { schema: apiError } } });
// The payload as the ESP sent it, of any media type: read as bytes, never parsed before its signature is checked
// (a JSON media type here would make the router parse and re-serialise it).
const payload = { required: true, description: 'The ESP\'s post, byte for byte', content: { '*/*': { schema: z.string() } } };
const kept = (description: string) => ({ description, content: { 'application/json': { schema: webhookAnswer } } });

const receive = apiRoute({
  method: 'post', path: '/api/webhooks/{esp}', operationId: 'receiveWebhook', tags: ['sources'], security: NO_TOKEN,
  summary: 'ESP event webhook: sendgrid, ses (via SNS), mailgun, sparkpost or postmark',
  description: 'Authenticated by the ESP\'s own signature (SendGrid ECDSA, SNS message signature, Mailgun HMAC with a one-time token, SparkPost and Postmark basic auth), not by a Rebound token. Answered once the post is on disk in the store\'s journal; its events are in the store moments later (reads made after the answer see them). Events Rebound cannot use are kept in the quarantine (GET /api/quarantine) with their reason.',
  request: { params: z.object({ esp: z.string().max(32) }), body: payload },
  responses: {
    200: kept('On disk: each event to be stored once by identity (a redelivery changes nothing), or quarantined with a reason'),
    400: error('Not this ESP\'s payload; nothing stored'),
    401: error('Bad, missing, stale or replayed signature (the message says which); nothing stored'),
    404: error('No such ESP, or its key is not configured'),
  },
});

const replay = apiRoute({
  method: 'post', path: '/api/webhooks/{esp}/replay', operationId: 'replayWebhooks', tags: ['sources'],
  summary: 'A saved ESP payload, read and stored as if the ESP had posted it (no ESP signature; editor token)',
  request: { params: z.object({ esp: z.string().max(32) }), body: payload },
  responses: { 200: kept('Stored (the answer waits for the load and counts what was new), or quarantined with a reason'), ...errorResponses },
});

export function webhookRoutes(s: Services, deps: WebhookDeps = defaultWebhookDeps(s.now)) {
  const app = router();
  app.use('/api/webhooks/*', bodyLimit({ maxSize: MAX_WEBHOOK_BYTES, onError: () => { throw new ApiError('payload_too_large', `webhook posts are limited to ${MAX_WEBHOOK_BYTES} bytes`); } }));
  return app
    .openapi(receive, async (c) => {
      const body = Buffer.from(await c.req.arrayBuffer());
      return c.json(await receiveWebhook(s, c.req.valid('param').esp, { body, header: (n) => c.req.header(n) }, deps), 200);
    })
    .openapi(replay, async (c) => c.json(await replayPayload(s, c.req.valid('param').esp, Buffer.from(await c.req.arrayBuffer())), 200));
}
