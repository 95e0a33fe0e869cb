// Create or change an alert rule (admins): the same fields and validation as POST /api/alerts/rules, errors next
// to their field and summarised on top (focusable), the server's 400 details mapped back onto the fields.
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CHANNELS, CONDITIONS, type AlertRule, type Channel } from '#shared/schema/alerts.ts';
import { METRIC_IDS, METRICS } from '#shared/metrics.ts';
import { PROVIDERS, type Provider } from '#shared/providers.ts';
import { createAlertRule, updateAlertRule, useAlertChannelsQuery } from '../../api/alerts.ts';
import { ApiFailure } from '../../api/client.ts';
import { errorsFromApi } from '../../form-errors.ts';
import { useSubmit } from '../../useSubmit.ts';
import { providerLabel } from '../charts/chartConfig.ts';
import { CHANNEL_LABELS, CONDITION_LABELS } from './labels.ts';
import { EMPTY_RULE, RULE_FIELD_OF, thresholdInPercent, validateRule, valuesOf, type RuleErrors, type RuleField, type RuleValues } from './rule-form.ts';

const id = (f: RuleField) => `rule-${f}`;
// The summary names each field, as its message alone ("must be an email address") does not say where.
const SUMMARY_LABELS: Record<RuleField, string> = {
  name: 'Name', metric: 'Metric', streams: 'Streams', providers: 'Providers', condition: 'Fires when', threshold: 'Threshold',
  consecutive: 'Consecutive observations', recipients: 'Recipients', repeatHours: 'Remind every', enabled: 'Enabled',
  channels: 'Channels',
};

function Field({ name, label, help, errors, children }: { name: RuleField; label: string; help?: string; errors: RuleErrors; children: ReactNode }) {
  return (
    <div className={`field ${errors[name] ? 'has-error' : ''}`}>
      <label htmlFor={id(name)}>{label}</label>
      {children}
      {help && <p className="help">{help}</p>}
      {errors[name] && <p id={`${id(name)}-error`} className="field-error">{errors[name]}</p>}
    </div>
  );
}

interface Props { rule: AlertRule | null; onDone: () => void }

export function RuleForm({ rule, onDone }: Props) {
  const [values, setValues] = useState<RuleValues>(rule ? valuesOf(rule) : EMPTY_RULE);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Focus moves to the summary of errors, after the API's as after the form's own checks.
  const focusSummary = () => requestAnimationFrame(() => summaryRef.current?.focus());
  const { busy, error: errors, setError: setErrors, run } = useSubmit<RuleErrors>({}, (err) => {
    focusSummary();
    return err instanceof ApiFailure ? errorsFromApi(err.details, err.message, RULE_FIELD_OF, 'name') : { name: String(err) };
  });
  const set = (patch: Partial<RuleValues>) => setValues((v) => ({ ...v, ...patch }));
  const aria = (f: RuleField) => ({ id: id(f), 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${id(f)}-error` : undefined });
  const toggleProvider = (p: Provider, on: boolean) => set({ providers: on ? [...values.providers, p] : values.providers.filter((x) => x !== p) });
  const toggleChannel = (ch: Channel, on: boolean) => set({ channels: on ? CHANNELS.filter((x) => x === ch || values.channels.includes(x)) : values.channels.filter((x) => x !== ch) });
  const channelInfo = useAlertChannelsQuery();
  const configured = (ch: Channel) => channelInfo.status !== 'success' || channelInfo.data.channels.some((c) => c.channel === ch && c.configured);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = validateRule(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusSummary();
      return;
    }
    void run(async () => {
      if (rule) await updateAlertRule(rule.id, checked.input);
      else await createAlertRule(checked.input);
      onDone();
    });
  };

  const errorList = Object.entries(errors) as [RuleField, string][];
  const pct = thresholdInPercent(values.metric);
  return (
    <form onSubmit={submit} noValidate className="form rule-form" aria-label={rule ? `Edit rule ${rule.name}` : 'New alert rule'}>
      {errorList.length > 0 && (
        <div className="error-box" role="alert" tabIndex={-1} ref={summaryRef}>
          <strong>Please fix {errorList.length === 1 ? 'this field' : `these ${errorList.length} fields`}:</strong>
          <ul>{errorList.map(([f, m]) => <li key={f}><a href={`#${id(f)}`}>{SUMMARY_LABELS[f]}: {m}</a></li>)}</ul>
        </div>
      )}
      <Field name="name" label="Name" errors={errors}>
        <input {...aria('name')} value={values.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} placeholder="Yahoo complaints on promotions" />
      </Field>
      <div className="field-row">
        <Field name="metric" label="Metric" errors={errors}>
          <select {...aria('metric')} value={values.metric} onChange={(e) => set({ metric: e.target.value })}>
            <option value="">Any metric</option>
            {METRIC_IDS.map((m) => <option key={m} value={m}>{METRICS[m].label}</option>)}
          </select>
        </Field>
        <Field name="condition" label="Fires when" errors={errors}>
          <select {...aria('condition')} value={values.condition} onChange={(e) => set({ condition: e.target.value as RuleValues['condition'] })}>
            <option value="">Choose…</option>
            {CONDITIONS.map((c) => <option key={c} value={c}>{CONDITION_LABELS[c]}</option>)}
          </select>
        </Field>
        {values.condition === 'threshold' && (
          <Field name="threshold" label={pct ? 'Threshold (%)' : 'Threshold'} help={pct ? 'Inclusive: 0.3 fires at 0.30% and above.' : 'Inclusive.'} errors={errors}>
            <input {...aria('threshold')} type="number" inputMode="decimal" min={0} step="any" value={values.threshold} onChange={(e) => set({ threshold: e.target.value })} />
          </Field>
        )}
      </div>
      <div className="field-row">
        <Field name="streams" label="Streams" help="Comma-separated; empty means every stream." errors={errors}>
          <input {...aria('streams')} value={values.streams} onChange={(e) => set({ streams: e.target.value })} />
        </Field>
        <Field name="consecutive" label="Consecutive observations" errors={errors}>
          <input {...aria('consecutive')} type="number" inputMode="numeric" min={1} max={50} value={values.consecutive} onChange={(e) => set({ consecutive: e.target.value })} />
        </Field>
        <Field name="repeatHours" label="Remind every (hours)" errors={errors}>
          <input {...aria('repeatHours')} type="number" inputMode="numeric" min={1} value={values.repeatHours} onChange={(e) => set({ repeatHours: e.target.value })} />
        </Field>
      </div>
      <fieldset className={`field ${errors.providers ? 'has-error' : ''}`} id={id('providers')}>
        <legend>Providers <span className="muted small">(none means all)</span></legend>
        {PROVIDERS.map((p) => (
          <label key={p} className="checkbox"><input type="checkbox" checked={values.providers.includes(p)} onChange={(e) => toggleProvider(p, e.target.checked)} /> {providerLabel(p)}</label>
        ))}
        {errors.providers && <p className="field-error">{errors.providers}</p>}
      </fieldset>
      <fieldset className={`field ${errors.channels ? 'has-error' : ''}`} id={id('channels')}>
        <legend>Channels <span className="muted small">(none means every configured channel)</span></legend>
        {CHANNELS.map((ch) => {
          // A channel the server lacks can be unticked but not chosen: the API would refuse it.
          const off = ch !== 'email' && !configured(ch) && !values.channels.includes(ch);
          return (
            <label key={ch} className="checkbox">
              <input type="checkbox" checked={values.channels.includes(ch)} disabled={off} onChange={(e) => toggleChannel(ch, e.target.checked)} /> {CHANNEL_LABELS[ch]}
              {ch !== 'email' && !configured(ch) && <span className="muted small"> (not configured)</span>}
            </label>
          );
        })}
        {errors.channels && <p className="field-error">{errors.channels}</p>}
      </fieldset>
      <Field name="recipients" label="Recipients" help="Comma-separated email addresses; not needed when the channels leave out email." errors={errors}>
        <input {...aria('recipients')} value={values.recipients} onChange={(e) => set({ recipients: e.target.value })} placeholder="deliverability@example.com" />
      </Field>
      <label className="checkbox"><input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled</label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Saving…' : rule ? 'Save rule' : 'Create rule'}</button>
        <button type="button" onClick={onDone} disabled={busy}>Cancel</button>
      </div>
    </form>
  );
}
