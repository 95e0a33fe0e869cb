// The incident's timeline — campaign paused, apology sent, provider ticket, fix deployed — listed in time order
// (and drawn on every chart by the incident page); editors add and delete entries.
import { useState, type FormEvent } from 'react';
import { ANNOTATION_KIND_LABELS, ANNOTATION_KINDS, annotationCreate, MAX_ANNOTATION_LABEL, type Annotation, type AnnotationKind } from '#shared/schema/annotations.ts';
import { addAnnotation, deleteAnnotation, useAnnotationsQuery } from '../api/annotations.ts';
import { ApiFailure } from '../api/client.ts';
import { dateTime } from '../format.ts';
import { errorsFromApi, errorsFromIssues, type FieldErrors } from '../form-errors.ts';
import { localInputToUtc } from '../format.ts';
import { useSubmit } from '../useSubmit.ts';
import { Empty, ErrorBox, Loading } from './States.tsx';

type Field = 'kind' | 'at' | 'label';
const FIELD_OF: Readonly<Record<string, Field>> = { kind: 'kind', at: 'at', label: 'label' };
const ids: Record<Field, string> = { kind: 'ann-kind', at: 'ann-at', label: 'ann-label' };

/** "now" as a datetime-local value in UTC (the form's zone), to the minute. */
const nowInput = () => new Date().toISOString().slice(0, 16);

function AddForm({ incidentId }: { incidentId: string }) {
  const [kind, setKind] = useState<AnnotationKind>('campaign_paused');
  const [at, setAt] = useState(nowInput);
  const [label, setLabel] = useState('');
  const { busy, error: errors, setError: setErrors, run } = useSubmit<FieldErrors<Field>>({}, (err) =>
    err instanceof ApiFailure ? errorsFromApi(err.details, err.message, FIELD_OF, 'label') : { label: String(err) });
  const aria = (f: Field) => ({ id: ids[f], 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${ids[f]}-error` : undefined });
  const error = (f: Field) => errors[f] && <p id={`${ids[f]}-error`} className="field-error">{errors[f]}</p>;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = { kind, at: localInputToUtc(at), label };
    const parsed = annotationCreate.safeParse(raw);
    if (!at) return setErrors({ at: 'Enter when it happened (UTC).' });
    if (!parsed.success) return setErrors(errorsFromIssues(parsed.error.issues, FIELD_OF));
    void run(async () => {
      await addAnnotation(incidentId, raw);
      setLabel('');
    });
  };

  return (
    <form className="form annotation-form" onSubmit={submit} noValidate aria-label="Add to the timeline">
      <div className="field-row">
        <div className={`field ${errors.kind ? 'has-error' : ''}`}>
          <label htmlFor={ids.kind}>What</label>
          <select {...aria('kind')} value={kind} onChange={(e) => setKind(e.target.value as AnnotationKind)}>
            {ANNOTATION_KINDS.map((k) => <option key={k} value={k}>{ANNOTATION_KIND_LABELS[k]}</option>)}
          </select>
          {error('kind')}
        </div>
        <div className={`field ${errors.at ? 'has-error' : ''}`}>
          <label htmlFor={ids.at}>When (UTC)</label>
          <input {...aria('at')} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          {error('at')}
        </div>
      </div>
      <div className={`field ${errors.label ? 'has-error' : ''}`}>
        <label htmlFor={ids.label}>Label</label>
        <input {...aria('label')} value={label} maxLength={MAX_ANNOTATION_LABEL} onChange={(e) => setLabel(e.target.value)} placeholder="Campaign paused" />
        {error('label')}
      </div>
      <div className="actions"><button type="submit" disabled={busy}>{busy ? 'Adding…' : 'Add to timeline'}</button></div>
    </form>
  );
}

function Row({ a, canEdit }: { a: Annotation; canEdit: boolean }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const remove = async () => {
    setState({ busy: true, error: null });
    try {
      await deleteAnnotation(a.incident_id, a.id);
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <li className="annotation" data-annotation={a.id}>
      <time dateTime={a.at}>{dateTime(a.at)}</time>
      <span className="annotation-kind">{ANNOTATION_KIND_LABELS[a.kind]}</span>
      <span className="annotation-label">{a.label}</span>
      {canEdit && <button type="button" className="small-button" disabled={state.busy} onClick={() => void remove()} aria-label={`Delete “${a.label}”`}>Delete</button>}
      {state.error && <p className="field-error" role="alert">{state.error}</p>}
    </li>
  );
}

export function Annotations({ incidentId, canEdit }: { incidentId: string; canEdit: boolean }) {
  const list = useAnnotationsQuery(incidentId);
  let body;
  if (list.status === 'loading') body = <Loading what="the timeline" />;
  else if (list.status === 'error') body = <ErrorBox what="the timeline" error={list.error} retryKey={['annotations', incidentId]} />;
  else if (list.data.annotations.length === 0) body = <Empty><p>Nothing on the timeline yet.{canEdit ? ' Add what the team did, and when: it is drawn on every chart.' : ''}</p></Empty>;
  else body = <ol className="annotations">{list.data.annotations.map((a) => <Row key={a.id} a={a} canEdit={canEdit} />)}</ol>;
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      {body}
      {canEdit && <AddForm incidentId={incidentId} />}
    </section>
  );
}
