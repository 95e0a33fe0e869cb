// Names the incident's bad sends (the audience's source; empty lets the first-day window stand in) and its apology
// send (compared with the audience, and marked on every chart): one PATCH of the incident.
import { useState, type FormEvent } from 'react';
import { incidentUpdate, type Incident } from '#shared/schema/incidents.ts';
import { setIncidentSends } from '../../api/audience.ts';
import { ApiFailure } from '../../api/client.ts';
import { errorsFromApi, errorsFromIssues, listOf, type FieldErrors } from '../../form-errors.ts';
import { useSubmit } from '../../useSubmit.ts';

type Field = 'send_ids' | 'apology_send_id';
const FIELD_OF: Readonly<Record<string, Field>> = { send_ids: 'send_ids', apology_send_id: 'apology_send_id' };
const ids: Record<Field, string> = { send_ids: 'audience-send-ids', apology_send_id: 'audience-apology-send' };

export function SendsForm({ incident }: { incident: Incident }) {
  const [sendIds, setSendIds] = useState(incident.send_ids.join(', '));
  const [apology, setApology] = useState(incident.apology_send_id ?? '');
  const { busy, error: errors, setError: setErrors, run } = useSubmit<FieldErrors<Field>>({}, (err) =>
    err instanceof ApiFailure ? errorsFromApi(err.details, err.message, FIELD_OF, 'send_ids') : { send_ids: String(err) });
  const aria = (f: Field) => ({ id: ids[f], 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${ids[f]}-error` : `${ids[f]}-help` });
  const error = (f: Field) => errors[f] && <p id={`${ids[f]}-error`} className="field-error">{errors[f]}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = { send_ids: [...new Set(listOf(sendIds))], apology_send_id: apology.trim() || null };
    const parsed = incidentUpdate.safeParse(patch);
    if (!parsed.success) return setErrors(errorsFromIssues(parsed.error.issues, FIELD_OF));
    // The form is keyed on the saved values, so it starts afresh from them once the incident comes back.
    void run(() => setIncidentSends(incident.id, patch));
  };

  return (
    <form className="form sends-form" onSubmit={submit} noValidate aria-label="The incident's sends">
      <h3>The incident’s sends</h3>
      <div className="field-row">
        <div className={`field ${errors.send_ids ? 'has-error' : ''}`}>
          <label htmlFor={ids.send_ids}>Bad send ids</label>
          <input {...aria('send_ids')} value={sendIds} onChange={(e) => setSendIds(e.target.value)} placeholder="spring-promo-1, spring-promo-2" />
          <p id={`${ids.send_ids}-help`} className="help">Comma-separated. Empty: the streams’ sends in the first 24 h stand in.</p>
          {error('send_ids')}
        </div>
        <div className={`field ${errors.apology_send_id ? 'has-error' : ''}`}>
          <label htmlFor={ids.apology_send_id}>Apology send id</label>
          <input {...aria('apology_send_id')} value={apology} onChange={(e) => setApology(e.target.value)} placeholder="optional" />
          <p id={`${ids.apology_send_id}-help`} className="help">Once sent: compared with the audience and marked on every chart.</p>
          {error('apology_send_id')}
        </div>
      </div>
      <div className="actions"><button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save sends'}</button></div>
    </form>
  );
}
