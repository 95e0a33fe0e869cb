// Incidents (SPEC 4): what the team declares, and the six-step response checklist they work through.
import { z } from 'zod';
import { id, MAX_TEXT_LENGTH, providerEnum, rfc3339, toUtcIso } from './common.ts';

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
export const STEP_IDS = RESPONSE_STEPS.map((s) => s.step) as [ResponseStepId, ...ResponseStepId[]];
export type ResponseStepId = (typeof RESPONSE_STEPS)[number]['step'];

// Defaults of SPEC 4: four weeks of baseline covers weekly send cycles; a month of monitoring covers the slow
// reputation recovery mailbox providers are known for.
export const DEFAULT_BASELINE_DAYS = 28;
export const DEFAULT_MONITOR_DAYS = 30;
// A year either way is more than any provider remembers; longer windows are almost certainly a typo.
const MAX_WINDOW_DAYS = 365;

const title = z.string().trim().min(1, 'must not be empty').max(200);
const notes = z.string().max(MAX_TEXT_LENGTH * 4);
const streams = z.array(id).min(1, 'name at least one affected stream').max(100);
const windowDays = z.number().int('must be a whole number of days').min(1).max(MAX_WINDOW_DAYS);

export const checklistItem = z.object({
  step: z.enum(STEP_IDS),
  label: z.string(),
  owner: z.string().nullable(),
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
  }));
export type IncidentCreate = z.output<typeof incidentCreate>;
export type IncidentCreateInput = z.input<typeof incidentCreate>;

export const checklistUpdate = z.strictObject({
  step: z.enum(STEP_IDS),
  owner: z.string().trim().max(200).nullable().optional(),
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
    checklist: z.array(checklistUpdate).max(RESPONSE_STEPS.length).optional(),
  })
  .superRefine(ordered);
export type IncidentUpdate = z.output<typeof incidentUpdate>;
