// Incidents (docs/incidents.md): what the team declares, and the six-step response checklist they work through.
import { z } from 'zod';
import { coversAllStreams } from '../kinds.ts';
import { id, MAX_TEXT_LENGTH, providerEnum, rfc3339, toUtcIso, WELL_FORMED_MESSAGE, wellFormed } from './common.ts';

export const INCIDENT_KINDS = [
  'wrong_segment', 'broken_content', 'suppression_list_send', 'data_breach', 'duplicate_send', 'infrastructure', 'other',
] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** The recognised crisis playbook, in order. */
export const RESPONSE_STEPS = [
  { step: 'own_the_problem', label: 'Own the problem' },
  { step: 'put_out_the_fire', label: 'Put out the fire' },
  { step: 'assess_the_damage', label: 'Assess the damage' },
  { step: 'create_a_plan', label: 'Create a plan' },
  { step: 'inform_and_apologize', label: 'Inform and apologize' },
  { step: 'proceed_carefully', label: 'Proceed carefully' },
] as const;

const HOUR_MS = 3_600_000;
// GDPR Art. 33(1): notify the supervisory authority "without undue delay and, where feasible, not later than 72
// hours after having become aware" of a personal data breach. Other regimes differ; the due time is editable.
export const BREACH_NOTIFICATION_HOURS = 72;
// Every further hour a wrong or broken campaign keeps sending multiplies the damage: stop it within the hour.
const STOP_CAMPAIGN_HOURS = 1;

/** What an incident of each kind adds to the six steps (docs/incidents.md), after the step it belongs to. */
export const KIND_ITEMS = {
  stop_the_campaign: { label: 'Stop the campaign (pause the send and every queued batch)', after: 'put_out_the_fire', dueHours: STOP_CAMPAIGN_HOURS },
  security_lead_in_charge: { label: 'Security lead takes charge (IT/Security own a breach)', after: 'own_the_problem', dueHours: null },
  legal_review: { label: 'Legal review of what was exposed and who must be told', after: 'assess_the_damage', dueHours: null },
  breach_notification: { label: `Notify the authority and the people affected (GDPR: within ${BREACH_NOTIFICATION_HOURS} h)`, after: 'inform_and_apologize', dueHours: BREACH_NOTIFICATION_HOURS },
  reapply_suppression: { label: 'Re-apply the suppression list to every stream and segment', after: 'put_out_the_fire', dueHours: null },
  no_apology: { label: 'Do not send an apology: mail to a suppressed list makes it worse', after: 'inform_and_apologize', dueHours: null },
} as const;
export type KindItemId = keyof typeof KIND_ITEMS;

export const ITEMS_BY_KIND: Readonly<Record<(typeof INCIDENT_KINDS)[number], readonly KindItemId[]>> = {
  wrong_segment: ['stop_the_campaign'],
  broken_content: ['stop_the_campaign'],
  duplicate_send: ['stop_the_campaign'],
  suppression_list_send: ['stop_the_campaign', 'reapply_suppression', 'no_apology'],
  data_breach: ['security_lead_in_charge', 'legal_review', 'breach_notification'],
  infrastructure: [],
  other: [],
};

export type ResponseStepId = (typeof RESPONSE_STEPS)[number]['step'] | KindItemId;
export const STEP_IDS = [...RESPONSE_STEPS.map((s) => s.step), ...(Object.keys(KIND_ITEMS) as KindItemId[])] as [ResponseStepId, ...ResponseStepId[]];

/** The checklist of an incident of this kind, in order: the six steps with the kind's items after theirs. */
export function checklistTemplate(kind: (typeof INCIDENT_KINDS)[number], occurredAt: string): { step: ResponseStepId; label: string; kind_specific: boolean; due_at: string | null }[] {
  const out: { step: ResponseStepId; label: string; kind_specific: boolean; due_at: string | null }[] = [];
  for (const s of RESPONSE_STEPS) {
    out.push({ step: s.step, label: s.label, kind_specific: false, due_at: null });
    for (const id of ITEMS_BY_KIND[kind]) {
      const item = KIND_ITEMS[id];
      if (item.after !== s.step) continue;
      const due = item.dueHours === null ? null : new Date(Date.parse(occurredAt) + item.dueHours * HOUR_MS).toISOString();
      out.push({ step: id, label: item.label, kind_specific: true, due_at: due });
    }
  }
  return out;
}

// Defaults (docs/data-formats.md): four weeks of baseline covers weekly send cycles; a month of monitoring covers the slow
// reputation recovery mailbox providers are known for.
export const DEFAULT_BASELINE_DAYS = 28;
export const DEFAULT_MONITOR_DAYS = 30;
// A year either way is more than any provider remembers; longer windows are almost certainly a typo.
const MAX_WINDOW_DAYS = 365;

const title = z.string().trim().min(1, 'must not be empty').max(200).refine(wellFormed, WELL_FORMED_MESSAGE);
const notes = z.string().max(MAX_TEXT_LENGTH * 4).refine(wellFormed, WELL_FORMED_MESSAGE);
// Named streams are for incidents of a few; for one that touches every stream, `["*"]` (shared/kinds.ts).
const streams = z.array(id).min(1, 'name at least one affected stream, or "*" for all streams').max(100)
  .refine((list) => !coversAllStreams(list) || new Set(list).size === 1, '"*" stands for every stream: give it alone, not with named streams');
// A mistake is one campaign or a handful of batches; a hundred is a list, not an incident's send.
const sendIds = z.array(id).max(100);
const windowDays = z.number().int('must be a whole number of days').min(1).max(MAX_WINDOW_DAYS);

export const checklistItem = z.object({
  step: z.enum(STEP_IDS),
  label: z.string(),
  /** An item this kind of incident adds to the six steps (e.g. the breach notification deadline). */
  kind_specific: z.boolean(),
  owner: z.string().nullable(),
  /** When it must be done: the kind's default (a breach notification 72 h after occurred_at) or as set. */
  due_at: z.string().nullable(),
  done_at: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof checklistItem>;

export const incident = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(INCIDENT_KINDS),
  severity: z.enum(SEVERITIES),
  occurred_at: z.string(),
  contained_at: z.string().nullable(),
  resolved_at: z.string().nullable(),
  streams: z.array(z.string()),
  providers: z.array(providerEnum).nullable(),
  baseline_days: z.number().int(),
  monitor_days: z.number().int(),
  notes: z.string().nullable(),
  checklist: z.array(checklistItem),
  /** The bad send(s) the incident is about (the audience guard's source); empty: the streams' sends of its first day. */
  send_ids: z.array(z.string()),
  /** The apology send, once it exists: monitored like any other send and marked on the charts. */
  apology_send_id: z.string().nullable(),
  demo: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Incident = z.infer<typeof incident>;

const ordered = (v: { occurred_at?: string | undefined; contained_at?: string | null | undefined; resolved_at?: string | null | undefined }, ctx: z.RefinementCtx) => {
  const occurred = v.occurred_at ? Date.parse(v.occurred_at) : undefined;
  for (const field of ['contained_at', 'resolved_at'] as const) {
    const at = v[field];
    if (occurred !== undefined && at) {
      if (Date.parse(at) < occurred) ctx.addIssue({ code: 'custom', path: [field], message: 'must not be before occurred_at' });
    }
  }
};

export const incidentCreate = z
  .strictObject({
    title,
    kind: z.enum(INCIDENT_KINDS),
    severity: z.enum(SEVERITIES),
    occurred_at: rfc3339,
    streams,
    providers: z.array(providerEnum).min(1).optional(),
    baseline_days: windowDays.default(DEFAULT_BASELINE_DAYS),
    monitor_days: windowDays.default(DEFAULT_MONITOR_DAYS),
    notes: notes.optional(),
    contained_at: rfc3339.optional(),
    resolved_at: rfc3339.optional(),
    send_ids: sendIds.optional(),
    apology_send_id: id.optional(),
    demo: z.boolean().default(false),
  })
  .superRefine(ordered)
  .transform((v) => ({
    ...v,
    occurred_at: toUtcIso(v.occurred_at),
    contained_at: v.contained_at ? toUtcIso(v.contained_at) : null,
    resolved_at: v.resolved_at ? toUtcIso(v.resolved_at) : null,
    streams: [...new Set(v.streams)],
    providers: v.providers ? [...new Set(v.providers)] : null,
    notes: v.notes ?? null,
    send_ids: [...new Set(v.send_ids ?? [])],
    apology_send_id: v.apology_send_id ?? null,
  }));
export type IncidentCreate = z.output<typeof incidentCreate>;
export type IncidentCreateInput = z.input<typeof incidentCreate>;

export const checklistUpdate = z.strictObject({
  step: z.enum(STEP_IDS),
  owner: z.string().trim().max(200).refine(wellFormed, WELL_FORMED_MESSAGE).nullable().optional(),
  due_at: rfc3339.nullable().optional(),
  done_at: rfc3339.nullable().optional(),
});

export const incidentUpdate = z
  .strictObject({
    title: title.optional(),
    kind: z.enum(INCIDENT_KINDS).optional(),
    severity: z.enum(SEVERITIES).optional(),
    occurred_at: rfc3339.optional(),
    streams: streams.optional(),
    providers: z.array(providerEnum).min(1).nullable().optional(),
    baseline_days: windowDays.optional(),
    monitor_days: windowDays.optional(),
    notes: notes.nullable().optional(),
    contained_at: rfc3339.nullable().optional(),
    resolved_at: rfc3339.nullable().optional(),
    send_ids: sendIds.optional(),
    apology_send_id: id.nullable().optional(),
    // Each step once: two changes to one step in one request leave which one is meant unknowable.
    checklist: z.array(checklistUpdate).max(STEP_IDS.length)
      .refine((items) => new Set(items.map((i) => i.step)).size === items.length, 'names a step more than once')
      .optional(),
  })
  .superRefine(ordered);
export type IncidentUpdate = z.output<typeof incidentUpdate>;
