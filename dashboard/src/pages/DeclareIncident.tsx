// Declaring an incident from the dashboard: the same fields and the same validation as POST /api/incidents,
// errors next to their field (and summarised on top, focusable), then the new incident's page.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { DEFAULT_BASELINE_DAYS, DEFAULT_MONITOR_DAYS, INCIDENT_KINDS, SEVERITIES } from '#shared/schema/incidents.ts';
import { PROVIDERS, type Provider } from '#shared/providers.ts';
import { ApiFailure } from '../api/client.ts';
import { createIncident, useDataSummaryQuery } from '../api/hooks.ts';
import { providerLabel } from '../components/charts/chartConfig.ts';
import { humanize } from '../format.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useSubmit } from '../useSubmit.ts';
import { errorsFromApi, validate, type FieldErrors, type FormValues } from './declare-form.ts';

const EMPTY: FormValues = {
  title: '', kind: '', severity: '', occurredAt: '', streams: '', allStreams: false, providers: [],
  baselineDays: String(DEFAULT_BASELINE_DAYS), monitorDays: String(DEFAULT_MONITOR_DAYS), notes: '',
};
const FIELD_IDS: Record<keyof FormValues, string> = {
  title: 'f-title', kind: 'f-kind', severity: 'f-severity', occurredAt: 'f-occurred', streams: 'f-streams', allStreams: 'f-all-streams',
  providers: 'f-providers', baselineDays: 'f-baseline', monitorDays: 'f-monitor', notes: 'f-notes',
};

function Field({ name, label, help, errors, children }: { name: keyof FormValues; label: string; help?: string; errors: FieldErrors; children: ReactNode }) {
  const id = FIELD_IDS[name];
  return (
    <div className={`field ${errors[name] ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <p id={`${id}-help`} className="help">{help}</p>}
      {errors[name] && <p id={`${id}-error`} className="field-error">{errors[name]}</p>}
    </div>
  );
}

export default function DeclareIncident() {
  const { canEdit, role } = useSession();
  const summary = useDataSummaryQuery();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Focus moves to the summary so keyboard and screen-reader users learn what to fix.
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  const { busy, error: errors, setError: setErrors, run } = useSubmit<FieldErrors>({}, (err) => {
    focusSummary();
    return err instanceof ApiFailure ? errorsFromApi(err.details, err.message) : { title: String(err) };
  });
  const knownStreams = summary.status === 'success' ? summary.data.streams.map((s) => s.stream) : [];

  if (!canEdit) {
    return <main className="page" id="main"><h1>Declare an incident</h1><p>Your role ({role}) can read incidents but not declare them. <Link to="/">Back to the incidents</Link>.</p></main>;
  }

  const set = (patch: Partial<FormValues>) => setValues((v) => ({ ...v, ...patch }));
  const aria = (name: keyof FormValues) => ({
    id: FIELD_IDS[name],
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${FIELD_IDS[name]}-error` : undefined,
  });
  const addStream = (s: string) => {
    const list = values.streams.split(',').map((x) => x.trim()).filter(Boolean);
    if (!list.includes(s)) set({ streams: [...list, s].join(', ') });
  };
  const toggleProvider = (p: Provider, on: boolean) => set({ providers: on ? [...values.providers, p] : values.providers.filter((x) => x !== p) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validate(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusSummary();
      return;
    }
    void run(async () => {
      const created = await createIncident(checked.input);
      navigate(`/incidents/${encodeURIComponent(created.id)}`);
    });
  };

  const errorList = Object.entries(errors) as [keyof FormValues, string][];
  return (
    <main className="page narrow" id="main">
      <h1>Declare an incident</h1>
      <p className="muted">Rebound compares every send after this moment with the same stream's baseline before it. Times are UTC.</p>
      {errorList.length > 0 && (
        <div className="error-box" role="alert" tabIndex={-1} ref={summaryRef}>
          <strong>Please fix {errorList.length === 1 ? 'this field' : `these ${errorList.length} fields`}:</strong>
          <ul>{errorList.map(([f, m]) => <li key={f}><a href={`#${FIELD_IDS[f]}`}>{m}</a></li>)}</ul>
        </div>
      )}
      <form onSubmit={submit} noValidate className="form">
        <Field name="title" label="Title" errors={errors}>
          <input {...aria('title')} value={values.title} onChange={(e) => set({ title: e.target.value })} maxLength={200} placeholder="Newsletter sent to the suppression list" />
        </Field>
        <div className="field-row">
          <Field name="kind" label="Kind" errors={errors}>
            <select {...aria('kind')} value={values.kind} onChange={(e) => set({ kind: e.target.value })}>
              <option value="">Choose…</option>
              {INCIDENT_KINDS.map((k) => <option key={k} value={k}>{humanize(k)}</option>)}
            </select>
          </Field>
          <Field name="severity" label="Severity" errors={errors}>
            <select {...aria('severity')} value={values.severity} onChange={(e) => set({ severity: e.target.value })}>
              <option value="">Choose…</option>
              {SEVERITIES.map((s) => <option key={s} value={s}>{humanize(s)}</option>)}
            </select>
          </Field>
          <Field name="occurredAt" label="Occurred at (UTC)" errors={errors}>
            <input {...aria('occurredAt')} type="datetime-local" value={values.occurredAt} onChange={(e) => set({ occurredAt: e.target.value })} />
          </Field>
        </div>
        <Field name="streams" label="Affected streams" help="Comma-separated: sending domains, IP pools or programs." errors={errors}>
          <input {...aria('streams')} value={values.allStreams ? '' : values.streams} disabled={values.allStreams} onChange={(e) => set({ streams: e.target.value })} placeholder={values.allStreams ? 'all streams' : 'newsletter, promotions'} />
        </Field>
        <label className="checkbox">
          <input id={FIELD_IDS.allStreams} type="checkbox" checked={values.allStreams} onChange={(e) => set({ allStreams: e.target.checked })} />
          {' '}Every stream: an IP pool, a sending domain or the whole account is affected
        </label>
        {knownStreams.length > 0 && !values.allStreams && (
          <p className="suggestions">Known streams: {knownStreams.map((s) => <button key={s} type="button" className="chip" onClick={() => addStream(s)}>+ {s}</button>)}</p>
        )}
        <fieldset className={`field ${errors.providers ? 'has-error' : ''}`} id={FIELD_IDS.providers}>
          <legend>Providers <span className="muted small">(optional; none means all)</span></legend>
          {PROVIDERS.map((p) => (
            <label key={p} className="checkbox"><input type="checkbox" checked={values.providers.includes(p)} onChange={(e) => toggleProvider(p, e.target.checked)} /> {providerLabel(p)}</label>
          ))}
          {errors.providers && <p className="field-error">{errors.providers}</p>}
        </fieldset>
        <div className="field-row">
          <Field name="baselineDays" label="Baseline days" help="Days before the incident that define normal." errors={errors}>
            <input {...aria('baselineDays')} type="number" inputMode="numeric" min={1} max={365} value={values.baselineDays} onChange={(e) => set({ baselineDays: e.target.value })} />
          </Field>
          <Field name="monitorDays" label="Monitor days" help="Days after it that are watched." errors={errors}>
            <input {...aria('monitorDays')} type="number" inputMode="numeric" min={1} max={365} value={values.monitorDays} onChange={(e) => set({ monitorDays: e.target.value })} />
          </Field>
        </div>
        <Field name="notes" label="Notes" errors={errors}>
          <textarea {...aria('notes')} rows={4} value={values.notes} onChange={(e) => set({ notes: e.target.value })} />
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? 'Declaring…' : 'Declare incident'}</button>
          <Link to="/">Cancel</Link>
        </div>
      </form>
    </main>
  );
}
