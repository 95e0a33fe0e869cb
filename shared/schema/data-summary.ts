// What the dashboard's data page shows (`GET /api/data/summary`) and who the caller is (`GET /api/session`).
// Lives in shared/ so the dashboard takes its types from here instead of re-declaring them.
import { z } from 'zod';
import { ingestRun } from './ingest.ts';

export const streamSummary = z.object({
  stream: z.string(),
  providers: z.array(z.string()),
  /** Distinct sends (a send spans several providers). */
  sends: z.number().int(),
  first_sent_at: z.string().nullable(),
  last_sent_at: z.string().nullable(),
});
export type StreamSummary = z.infer<typeof streamSummary>;

export const dataSummary = z.object({
  streams: z.array(streamSummary),
  providers: z.array(z.string()),
  /** Range of `sent_at` over all send summaries; null when nothing has been loaded. */
  sends_from: z.string().nullable(),
  sends_to: z.string().nullable(),
  counts: z.object({
    send_rows: z.number().int(),
    sends: z.number().int(),
    events: z.number().int(),
    seed_tests: z.number().int(),
    incidents: z.number().int(),
    ingest_runs: z.number().int(),
  }),
  last_run: ingestRun.nullable(),
});
export type DataSummary = z.infer<typeof dataSummary>;

export const sessionInfo = z.object({
  role: z.enum(['viewer', 'editor', 'admin']),
  /** False for local use without REBOUND_TOKENS: every local caller is an admin and there is nothing to sign in to. */
  tokens_required: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;
