// The declare form's values → the API's incidentCreate input, validated with the very schema the API uses
// (shared/schema/incidents.ts), so the form and the API can never disagree about what is valid.
import { ALL_STREAMS } from '#shared/kinds.ts';
import { fieldIssue } from '#shared/schema/api-error.ts';
import { incidentCreate, type IncidentCreateInput } from '#shared/schema/incidents.ts';
import type { Provider } from '#shared/providers.ts';
import { localInputToUtc } from '../format.ts';

export interface FormValues {
  title: string;
  kind: string;
  severity: string;
  occurredAt: string;
  streams: string;
  /** Every stream is affected (an IP pool, a sending domain, the account): sent as `"streams": ["*"]`. */
  allStreams: boolean;
  providers: Provider[];
  baselineDays: string;
  monitorDays: string;
  notes: string;
}

export type FieldErrors = Partial<Record<keyof FormValues, string>>;

// The API's field names → the form's.
const FIELD_OF: Readonly<Record<string, keyof FormValues>> = {
  title: 'title', kind: 'kind', severity: 'severity', occurred_at: 'occurredAt', streams: 'streams', all_streams: 'allStreams',
  providers: 'providers', baseline_days: 'baselineDays', monitor_days: 'monitorDays', notes: 'notes',
};

export function toInput(v: FormValues): Record<string, unknown> {
  const streams = v.allStreams ? [ALL_STREAMS] : v.streams.split(',').map((s) => s.trim()).filter(Boolean);
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  return {
    title: v.title,
    kind: v.kind,
    severity: v.severity,
    occurred_at: localInputToUtc(v.occurredAt),
    streams,
    ...(v.providers.length > 0 ? { providers: v.providers } : {}),
    ...(num(v.baselineDays) !== undefined ? { baseline_days: num(v.baselineDays) } : {}),
    ...(num(v.monitorDays) !== undefined ? { monitor_days: num(v.monitorDays) } : {}),
    ...(v.notes.trim() ? { notes: v.notes } : {}),
  };
}

export function validate(v: FormValues): { ok: true; input: IncidentCreateInput } | { ok: false; errors: FieldErrors } {
  const raw = toInput(v);
  const parsed = incidentCreate.safeParse(raw);
  const errors: FieldErrors = {};
  if (!v.occurredAt) errors.occurredAt = 'Enter when the incident happened (UTC).';
  if (!v.kind) errors.kind = 'Choose the kind of incident.';
  if (!v.severity) errors.severity = 'Choose a severity.';
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF[String(issue.path[0] ?? '')];
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The raw object, not the parsed one: the server applies the same defaults and transforms itself.
  return { ok: true, input: raw as IncidentCreateInput };
}

/** The API's validation details ([{ field, message }]) as form errors; unknown fields go under `title`. */
export function errorsFromApi(details: unknown, message: string): FieldErrors {
  const errors: FieldErrors = {};
  const list = Array.isArray(details) ? details : [];
  for (const d of list) {
    const parsed = fieldIssue.safeParse(d);
    if (!parsed.success) continue;
    const field = FIELD_OF[parsed.data.field.split('.')[0] ?? ''];
    if (field && !errors[field]) errors[field] = parsed.data.message;
  }
  if (Object.keys(errors).length === 0) errors.title = message;
  return errors;
}
