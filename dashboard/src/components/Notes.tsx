// The incident's notes: readable by all, editable by editors (saved explicitly, so half-typed text is never
// stored).
import { useState } from 'react';
import type { Incident } from '#shared/schema/incidents.ts';
import { updateIncident } from '../api/hooks.ts';

export function Notes({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const [text, setText] = useState(incident.notes ?? '');
  const [state, setState] = useState<{ busy: boolean; error: string | null; saved: boolean }>({ busy: false, error: null, saved: false });
  const dirty = text !== (incident.notes ?? '');

  const save = async () => {
    setState({ busy: true, error: null, saved: false });
    try {
      await updateIncident(incident.id, { notes: text.trim() ? text : null });
      setState({ busy: false, error: null, saved: true });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err), saved: false });
    }
  };

  return (
    <section className="panel" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      {canEdit ? (
        <>
          <label htmlFor="notes" className="sr-only">Notes</label>
          <textarea id="notes" rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder="What happened, what was done, what to watch" />
          <div className="actions">
            <button type="button" onClick={() => void save()} disabled={!dirty || state.busy}>{state.busy ? 'Saving…' : 'Save notes'}</button>
            <span role="status" className="muted small">{state.saved && !dirty ? 'Saved' : dirty ? 'Unsaved changes' : ''}</span>
          </div>
          {state.error && <p className="field-error" role="alert">{state.error}</p>}
        </>
      ) : incident.notes ? (
        <p className="notes-text">{incident.notes}</p>
      ) : (
        <p className="muted">No notes.</p>
      )}
    </section>
  );
}
