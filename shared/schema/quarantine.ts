// The webhook quarantine as the API gives it (GET /api/quarantine, POST /api/quarantine/replay) and the answer of
// a webhook post: events an ESP sent that Rebound cannot use yet, kept as received (docs/webhooks.md).
import { z } from 'zod';

export const quarantineCount = z.object({
  esp: z.string(), reason: z.string(), count: z.number().int(), last_received_at: z.string(),
});

export const quarantinedEvent = z.object({
  id: z.number().int(), esp: z.string(), reason: z.string(), received_at: z.string(),
  /** The event's part of the ESP's post, as received. Always present (nonoptional: else the OpenAPI description
   * would call any `unknown` field optional, and so would the API client typed from it). */
  payload: z.unknown().nonoptional(),
});

export const quarantineList = z.object({
  total: z.number().int(),
  counts: z.array(quarantineCount),
  events: z.array(quarantinedEvent),
});
export type QuarantineList = z.infer<typeof quarantineList>;

export const quarantineReplay = z.object({
  replayed: z.number().int(), stored: z.number().int(), duplicate: z.number().int(), ignored: z.number().int(),
  still_quarantined: z.number().int(), reasons: z.array(z.object({ id: z.number().int(), reason: z.string() })),
});
export type QuarantineReplayResult = z.infer<typeof quarantineReplay>;

// `accepted`: events kept on disk, in the store within moments (a redelivery among them stored once); `stored` and
// `duplicate` only in the answer to a replay, which waits for the load (docs/webhooks.md, "Answered once on disk").
export const webhookAnswer = z.object({
  esp: z.string(), received: z.number().int(), ignored: z.number().int(), accepted: z.number().int(),
  quarantined: z.number().int(), stored: z.number().int().optional(), duplicate: z.number().int().optional(),
  rejections: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  defaulted: z.array(z.string()),
  subscription: z.enum(['confirmed', 'recorded']).optional(),
});
export type WebhookAnswerBody = z.infer<typeof webhookAnswer>;
