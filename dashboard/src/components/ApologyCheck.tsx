// The apology check (docs/incidents.md): paste a draft (or upload an .eml) and read the verdict — ok, warn or block, as a
// word and a colour — and every finding with its rule, severity, the quoted evidence and the fix. When the
// incident's audience changes (a list uploaded, the sends named), the last draft is checked again: the `audience`
// finding depends on it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ApologyResult } from '#shared/apology/schema.ts';
import { checkApologyDraft, checkApologyEml } from '../api/annotations.ts';
import { useAudienceQuery } from '../api/audience.ts';
import { ApiFailure } from '../api/client.ts';
import { errorsFromApi, type FieldErrors } from '../form-errors.ts';
import { useSubmit } from '../useSubmit.ts';
import { ApologyResultView } from './ApologyResult.tsx';

type Field = 'subject' | 'from' | 'reply_to' | 'text' | 'html' | 'body';
const FIELD_OF: Readonly<Record<string, Field>> = { subject: 'subject', from: 'from', reply_to: 'reply_to', text: 'text', html: 'html', body: 'body' };
const LABELS: Record<Exclude<Field, 'body'>, string> = { subject: 'Subject', from: 'From', reply_to: 'Reply-To', text: 'Text body', html: 'HTML body' };
const EMPTY = { subject: '', from: '', reply_to: '', text: '', html: '' };

export function ApologyCheck({ incidentId }: { incidentId: string }) {
  const [draft, setDraft] = useState(EMPTY);
  const [eml, setEml] = useState<File | null>(null);
  const [exposed, setExposed] = useState(false);
  const { busy, error: errors, setError: setErrors, run: send } = useSubmit<FieldErrors<Field>>({}, (err) =>
    err instanceof ApiFailure ? errorsFromApi(err.details, err.message, FIELD_OF, 'body') : { body: String(err) });
  const [result, setResult] = useState<ApologyResult | null>(null);
  const [rechecked, setRechecked] = useState(false);
  // The last check as sent, to run again as it was (the fields may have been edited since).
  const last = useRef<(() => Promise<ApologyResult>) | null>(null);
  const id = (f: Field) => `apology-${f}`;
  const aria = (f: Field) => ({ id: id(f), 'aria-invalid': errors[f] ? true : undefined, 'aria-describedby': errors[f] ? `${id(f)}-error` : undefined });
  const error = (f: Field) => errors[f] && <p id={`${id(f)}-error`} className="field-error">{errors[f]}</p>;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors<Field> = {};
    if (!eml && !draft.from.trim()) local.from = 'Enter the sender address.';
    if (!eml && !draft.text.trim() && !draft.html.trim()) local.text = 'Paste the text or the HTML of the draft.';
    if (Object.keys(local).length > 0) return setErrors(local);
    const body = {
      from: draft.from, reply_to: draft.reply_to.trim() || null, subject: draft.subject,
      text: draft.text.trim() ? draft.text : null, html: draft.html.trim() ? draft.html : null, personal_data_exposed: exposed,
    };
    const file = eml;
    last.current = file ? () => checkApologyEml(incidentId, file, exposed) : () => checkApologyDraft(incidentId, body);
    setResult(null);
    await run(false);
  };

  const run = async (again: boolean) => {
    const check = last.current;
    if (!check) return;
    await send(async () => {
      setResult(await check());
      setRechecked(again);
    });
  };

  // A new audience summary (after an upload or a PATCH of the sends) while a result is shown: check again.
  const audience = useAudienceQuery(incidentId);
  const summary = audience.status === 'success' ? audience.data : null;
  const seen = useRef(summary);
  useEffect(() => {
    const before = seen.current;
    seen.current = summary;
    if (before !== null && summary !== null && before !== summary && result !== null) void run(true);
    // Only a new summary triggers this; `result` and `run` are read as they are then.
  }, [summary]);

  const input = (f: 'subject' | 'from' | 'reply_to', placeholder: string) => (
    <div className={`field ${errors[f] ? 'has-error' : ''}`}>
      <label htmlFor={id(f)}>{LABELS[f]}</label>
      <input {...aria(f)} value={draft[f]} disabled={eml !== null} placeholder={placeholder} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
      {error(f)}
    </div>
  );
  const area = (f: 'text' | 'html') => (
    <div className={`field ${errors[f] ? 'has-error' : ''}`}>
      <label htmlFor={id(f)}>{LABELS[f]}</label>
      <textarea {...aria(f)} rows={f === 'text' ? 5 : 3} value={draft[f]} disabled={eml !== null} onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} />
      {error(f)}
    </div>
  );

  return (
    <section className="panel" aria-labelledby="apology-title">
      <h2 id="apology-title">Apology check</h2>
      <p className="muted small">Checks a draft against the crisis playbook: a clear subject, a sender people can answer, an apology, the protective steps, no jokes or weasel words.</p>
      <form className="form apology-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Apology draft">
        {input('subject', 'We made a mistake in yesterday’s newsletter')}
        <div className="field-row">
          {input('from', 'Acme Support <support@acme.example>')}
          {input('reply_to', 'optional')}
        </div>
        {area('text')}
        {area('html')}
        <div className="field">
          <label htmlFor={id('body')}>Or upload an .eml</label>
          <input {...aria('body')} type="file" accept=".eml,message/rfc822" onChange={(e) => { setEml(e.target.files?.[0] ?? null); setResult(null); }} />
          {eml && <p className="help">The file is checked instead of the fields above.</p>}
          {error('body')}
        </div>
        <label className="checkbox"><input type="checkbox" checked={exposed} onChange={(e) => setExposed(e.target.checked)} /> Personal data or credentials were exposed</label>
        <div className="actions"><button type="submit" className="primary" disabled={busy}>{busy ? 'Checking…' : 'Check draft'}</button></div>
      </form>
      {result && rechecked && <p className="muted small recheck-note">Checked again: the audience or its lists changed.</p>}
      {result && <ApologyResultView result={result} />}
    </section>
  );
}
