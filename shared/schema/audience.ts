// The audience guard (docs/incidents.md): who an incident's bad send actually reached, so the apology goes to them and no
// one else. Recipients are addresses or the team's subscriber ids (shared/schema/common.ts `recipient`).
import { z } from 'zod';

/** The recipient lists a team uploads for an incident: who must never be mailed, and whom the apology is for. */
export const RECIPIENT_LISTS = ['suppression', 'apology'] as const;
export type RecipientList = (typeof RECIPIENT_LISTS)[number];

/** How many recipients outside the audience an answer quotes: enough to recognise the mistake, not a data dump. */
export const MAX_EXAMPLES = 5;

/** A window stands in for the bad send when the team has not named it: the incident's streams in its first day. */
export const DEFAULT_SEND_WINDOW_HOURS = 24;

export const audienceSend = z.object({ send_id: z.string(), stream: z.string().nullable(), sent_at: z.string().nullable(), injected: z.number().int() });

export const listInfo = z.object({ recipients: z.number().int(), uploaded_at: z.string() });

export const audienceComparison = z.object({
  recipients: z.number().int(),
  /** Recipients not in the affected audience: an apology to them is a blocking finding. */
  outside: z.number().int(),
  examples: z.array(z.string()),
});
export type AudienceComparison = z.infer<typeof audienceComparison>;

export const audienceSummary = z.object({
  incident: z.string(),
  /** `named`: the sends the incident names (send_ids); `window`: its streams' sends in the first 24 h after occurred_at. */
  sends_from: z.enum(['named', 'window']),
  sends: z.array(audienceSend),
  /** Distinct recipients with any event of those sends. */
  recipients: z.number().int(),
  /** Of those, whose every message bounced (no delivery): the bad mail never reached them. */
  bounced: z.number().int(),
  /** Of the rest, on the uploaded suppression list. */
  suppressed: z.number().int(),
  /** recipients − bounced − suppressed: whom the mistake reached, and whom an apology may go to. */
  affected: z.number().int(),
  /** Events of those sends that name no recipient: when above 0 the audience is incomplete. */
  events_without_recipient: z.number().int(),
  lists: z.object({ suppression: listInfo.nullable(), apology: listInfo.nullable() }),
  /** The uploaded apology list against the affected audience. */
  apology_list: audienceComparison.nullable(),
  /** The apology send itself, once its events are in, against the affected audience. */
  apology_send: audienceComparison.extend({ send_id: z.string() }).nullable(),
});
export type AudienceSummary = z.infer<typeof audienceSummary>;

export const listUploadResult = z.object({ list: z.enum(RECIPIENT_LISTS), recipients: z.number().int(), duplicates: z.number().int() });
export type ListUploadResult = z.infer<typeof listUploadResult>;
