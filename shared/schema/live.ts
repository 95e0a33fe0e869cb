// The dashboard's live event stream (GET /api/events/stream, docs/alerts.md): what the store looks like now, in a
// few watermarks, and which of them moved. The dashboard refetches what a moved watermark concerns.
import { z } from 'zod';

export const LIVE_KINDS = ['evaluated', 'data', 'incidents', 'alerts', 'suspects'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export const liveSnapshot = z.object({
  /**
   * The newest evaluation run — of any incident, or of the watch over every stream (docs/watch.md) — by the
   * scheduler, `rebound evaluate` or POST /api/evaluate.
   */
  evaluated_at: z.string().nullable(),
  /** The end of the newest ingest or pull that stored anything (files, events, webhooks, BigQuery…). */
  data_changed_at: z.string().nullable(),
  /** The newest ingest run, stored or not (a rejected file is news for the data page too). */
  last_ingest_run: z.number().int().nullable(),
  /** The newest pull of any source, successful or not. */
  source_run_at: z.string().nullable(),
  /** The newest change to any incident (declared, edited, its checklist). */
  incidents_changed_at: z.string().nullable(),
  /** How many alert notifications exist (a new one means the alerts page changed). */
  notifications: z.number().int(),
  /** The newest change to any suspected incident (raised, given new evidence, declared, dismissed). */
  suspects_changed_at: z.string().nullable(),
});
export type LiveSnapshot = z.infer<typeof liveSnapshot>;

/** Which kinds moved between two snapshots (the server's `change` events; the dashboard after a reconnect). */
export function changedKinds(before: LiveSnapshot, after: LiveSnapshot): LiveKind[] {
  const kinds: LiveKind[] = [];
  if (after.evaluated_at !== before.evaluated_at) kinds.push('evaluated');
  if (after.data_changed_at !== before.data_changed_at || after.last_ingest_run !== before.last_ingest_run || after.source_run_at !== before.source_run_at) kinds.push('data');
  if (after.incidents_changed_at !== before.incidents_changed_at) kinds.push('incidents');
  if (after.notifications !== before.notifications) kinds.push('alerts');
  if (after.suspects_changed_at !== before.suspects_changed_at) kinds.push('suspects');
  return kinds;
}

/** The `change` event: the new snapshot and what moved since the previous one. */
export const liveChange = z.object({ kinds: z.array(z.enum(LIVE_KINDS)), snapshot: liveSnapshot });
export type LiveChange = z.infer<typeof liveChange>;

export const liveTicket = z.object({
  /** Pass as ?ticket= to GET /api/events/stream; EventSource cannot send an Authorization header. */
  ticket: z.string(),
  expires_at: z.string(),
});
export type LiveTicket = z.infer<typeof liveTicket>;
