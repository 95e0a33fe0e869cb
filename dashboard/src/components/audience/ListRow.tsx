// One of the incident's recipient lists (suppression, apology): its count and upload time for everyone; for
// editors a file upload that replaces it — a bad line rejects the file, shown line by line, and keeps the list —
// and a remove button.
import { useRef, useState, type FormEvent } from 'react';
import type { RecipientList } from '#shared/schema/audience.ts';
import { removeList, uploadList, type ListOutcome } from '../../api/audience.ts';
import { count, dateTime } from '../../format.ts';
import { RejectionsTable } from '../Rejections.tsx';

const LISTS: Record<RecipientList, { name: string; help: string }> = {
  suppression: { name: 'Suppression list', help: 'Who must never be mailed: subtracted from the affected audience.' },
  apology: { name: 'Apology list', help: 'Whom the apology is planned for: checked against the affected audience.' },
};

type Phase = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; outcome: ListOutcome } | { kind: 'removed' } | { kind: 'error'; message: string };

function Outcome({ phase, name }: { phase: Phase; name: string }) {
  if (phase.kind === 'removed') return <p className="notice ok" role="status">Removed the {name.toLowerCase()}.</p>;
  if (phase.kind === 'error') return <p className="field-error" role="alert">{phase.message}</p>;
  if (phase.kind !== 'done') return null;
  const o = phase.outcome;
  if (o.ok) {
    return (
      <p className="notice ok" role="status">
        <strong>Stored:</strong> {count(o.result.recipients)} recipient(s){o.result.duplicates > 0 ? `; ${count(o.result.duplicates)} repeated line(s) counted once` : ''}.
      </p>
    );
  }
  return (
    <div className="error-box" role="alert">
      {o.rejections.length > 0
        ? <><strong>Rejected: the {name.toLowerCase()} is unchanged.</strong> {count(o.rejected)} line(s) rejected.</>
        : <><strong>The upload failed.</strong> {o.error.message}</>}
      <RejectionsTable rejections={o.rejections} notListed={o.rejected - o.rejections.length} caption="Rejected lines" />
      {o.rejections.length > 0 && <p className="muted">Fix these lines and upload the file again.</p>}
    </div>
  );
}

export function ListRow({ incidentId, list, info, canEdit }: { incidentId: string; list: RecipientList; info: { recipients: number; uploaded_at: string } | null; canEdit: boolean }) {
  const { name, help } = LISTS[list];
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const fileId = `list-${list}-file`;

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setMissing(true);
    setMissing(false);
    setPhase({ kind: 'busy' });
    const outcome = await uploadList(incidentId, list, file);
    setPhase({ kind: 'done', outcome });
    if (outcome.ok && input.current) {
      input.current.value = '';
      setFile(null);
    }
  };
  const remove = async () => {
    setPhase({ kind: 'busy' });
    try {
      await removeList(incidentId, list);
      setPhase({ kind: 'removed' });
    } catch (err) {
      setPhase({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const busy = phase.kind === 'busy';

  return (
    <li className="audience-list" data-list={list}>
      <div className="audience-list-head">
        <strong>{name}</strong>
        <span className="list-status" data-recipients={info?.recipients ?? ''}>
          {info ? <>{count(info.recipients)} recipient(s), uploaded {dateTime(info.uploaded_at)}</> : <span className="muted">not uploaded</span>}
        </span>
      </div>
      <p className="help">{help}</p>
      {canEdit && (
        <form className="form list-form" onSubmit={(e) => void upload(e)} noValidate aria-label={`Upload the ${name.toLowerCase()}`}>
          <div className="field-row">
            <div className={`field ${missing ? 'has-error' : ''}`}>
              <label htmlFor={fileId}>{name} file</label>
              <p id={`${fileId}-help`} className="help">One recipient per line, or CSV with a recipient or email column. Replaces the list.</p>
              <input ref={input} id={fileId} type="file" accept=".csv,.txt,text/csv,text/plain" aria-invalid={missing || undefined}
                aria-describedby={missing ? `${fileId}-error` : `${fileId}-help`}
                onChange={(e) => { setFile(e.target.files?.[0] ?? null); setPhase({ kind: 'idle' }); }} />
              {missing && <p id={`${fileId}-error`} className="field-error">Choose a file to upload.</p>}
            </div>
            <div className="actions">
              <button type="submit" disabled={busy}>{busy ? 'Working…' : `Upload ${name.toLowerCase()}`}</button>
              {info && <button type="button" className="danger-button" disabled={busy} onClick={() => void remove()}>Remove {name.toLowerCase()}</button>}
            </div>
          </div>
        </form>
      )}
      <Outcome phase={phase} name={name} />
    </li>
  );
}
