// The response checklist (docs/incidents.md): the six steps plus the incident kind's own items, with owners, due and done
// times; editors assign owners and tick steps off, viewers read it.
import { useState } from 'react';
import type { ChecklistItem, Incident } from '#shared/schema/incidents.ts';
import { updateIncident } from '../api/hooks.ts';
import { dateTime } from '../format.ts';

function StepRow({ incidentId, item, index, canEdit }: { incidentId: string; item: ChecklistItem; index: number; canEdit: boolean }) {
  const [owner, setOwner] = useState(item.owner ?? '');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const save = async (patch: { owner?: string | null; done_at?: string | null }) => {
    setState({ busy: true, error: null });
    try {
      await updateIncident(incidentId, { checklist: [{ step: item.step, ...patch }] });
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const saveOwner = () => {
    const next = owner.trim() || null;
    if (next !== (item.owner ?? null)) void save({ owner: next });
  };
  // Shown ticked at once; the saved incident (with its done time) replaces this row when it comes back.
  const [optimisticDone, setOptimisticDone] = useState<boolean | null>(null);
  const done = optimisticDone ?? item.done_at !== null;
  const inputId = `owner-${item.step}`;

  return (
    <li className={`step ${done ? 'step-done' : ''}`} data-step={item.step}>
      <span className="step-number" aria-hidden="true">{index + 1}</span>
      <div className="step-body">
        <div className="step-label">
          {canEdit ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={done}
                disabled={state.busy}
                onChange={(e) => {
                  setOptimisticDone(e.target.checked);
                  void save({ done_at: e.target.checked ? new Date().toISOString() : null }).then(() => setOptimisticDone(null));
                }}
              />
              {item.label}
            </label>
          ) : (
            <span>{item.label}</span>
          )}
          <span className={done ? 'step-state done' : 'step-state'}>{done ? (item.done_at ? `Done ${dateTime(item.done_at)}` : 'Done (saving…)') : 'Open'}</span>
        </div>
        {(item.kind_specific || item.due_at) && (
          <div className="step-owner muted">
            {item.kind_specific && <span>For this kind of incident. </span>}
            {/* An open item past its due time (a breach notification deadline) must stand out, in words too. */}
            {item.due_at && <span className={!done && Date.parse(item.due_at) < Date.now() ? 'field-error' : undefined}>Due {dateTime(item.due_at)}{!done && Date.parse(item.due_at) < Date.now() ? ' — overdue' : ''}</span>}
          </div>
        )}
        {canEdit ? (
          <div className="step-owner">
            <label htmlFor={inputId}>Owner</label>
            <input
              id={inputId}
              value={owner}
              placeholder="Who owns this step"
              maxLength={200}
              disabled={state.busy}
              onChange={(e) => setOwner(e.target.value)}
              onBlur={saveOwner}
              onKeyDown={(e) => {
                if (e.key === 'Enter') saveOwner();
              }}
            />
          </div>
        ) : (
          <div className="step-owner muted">Owner: {item.owner ?? 'unassigned'}</div>
        )}
        {state.error && <p className="field-error" role="alert">{state.error}</p>}
      </div>
    </li>
  );
}

export function Checklist({ incident, canEdit }: { incident: Incident; canEdit: boolean }) {
  const done = incident.checklist.filter((c) => c.done_at !== null).length;
  return (
    <section className="panel" aria-labelledby="checklist-title">
      <h2 id="checklist-title">Response checklist <span className="muted small">{done} of {incident.checklist.length} done</span></h2>
      <ol className="checklist">
        {incident.checklist.map((item, i) => (
          <StepRow key={`${item.step}:${item.owner ?? ''}:${item.done_at ?? ''}`} incidentId={incident.id} item={item} index={i} canEdit={canEdit} />
        ))}
      </ol>
    </section>
  );
}
