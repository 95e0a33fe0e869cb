// A webhook post's events validated as they arrive, into what the journal keeps and the store loads
// (store/webhook-load.ts). Validation is the events schema's, as for any file (the same rows, the same reasons);
// what the schema refuses is kept for the quarantine as received.
import type { LoadablePost } from '../../store/webhook-load.ts';
import type { TokenClaim } from '../../store/webhook-tokens.ts';
import type { Rejection } from '../intake.ts';
import { fastEventRow } from '../event-fast.ts';
import { checkRecord } from '../validate.ts';
import type { EventRecord, Origin } from './common.ts';
import { ESPS } from './fallbacks.ts';

export interface PreparedPost extends LoadablePost {
  /** The events the schema refused, by line of the post, with the reason (the post's answer lists them). */
  rejections: Rejection[];
}

/**
 * A record as a JSON body would give it to the schema: absent fields are left out, and a number JSON cannot carry
 * (NaN, Infinity would become null, which means absent) too.
 */
function asJson(e: EventRecord): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(e)) {
    if (v !== undefined && (typeof v !== 'number' || Number.isFinite(v))) out[k] = v;
  }
  return out;
}

/** The schema's reason, and where a fallback was missing, the setting that adds one. */
function quarantineReason(esp: string, reason: string): string {
  const missing = ['stream', 'send_id'].filter((f) => new RegExp(`(^|; )${f}: is required`).test(reason));
  if (missing.length === 0 || !(ESPS as readonly string[]).includes(esp)) return reason;
  const vars = missing.map((f) => `${esp.toUpperCase()}_WEBHOOK_${f === 'stream' ? 'STREAM' : 'SEND_ID'}`).join(' or ');
  return `${reason} (no fallback gave a value: set ${vars}, docs/webhooks.md)`;
}

/** Validates a post's events; those the schema refuses are kept for the quarantine with `origins[i]`, as received. */
export function preparePost(esp: string, events: EventRecord[], origins: readonly Origin[], at: string, claims: readonly TokenClaim[] = []): PreparedPost {
  const post: PreparedPost = { size: events.length, rows: [], rejections: [], quarantine: [], claims, at };
  events.forEach((e, i) => {
    const fields = asJson(e);
    // The fast path vouches for nearly every record; the rest, and every rejection, are zod's (event-fast.ts).
    const fast = fastEventRow(fields);
    const checked = fast ? ({ ok: true, row: fast } as const) : checkRecord('events', 'ndjson', fields);
    if (checked.ok) post.rows.push({ row: checked.row, line: i + 1 });
    else {
      const reason = quarantineReason(esp, checked.reason);
      post.rejections.push({ line: i + 1, reason });
      const origin = origins[i];
      post.quarantine.push({ esp, reason, payload: JSON.stringify(origin?.payload ?? null), item: origin?.item ?? 0 });
    }
  });
  return post;
}
