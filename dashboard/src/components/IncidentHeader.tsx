// The incident page's header: status, kind and severity, occurred/contained/resolved times and the overall time
// to recover; editors can mark containment and resolution.
import { useState } from 'react';
import { streamsText } from '#shared/kinds.ts';
import type { Incident, IncidentUpdate } from '#shared/schema/incidents.ts';
import { updateIncident, type RecoveryResponse } from '../api/hooks.ts';
import { dateTime, duration, humanize } from '../format.ts';
import { overallRecovery } from './recovery.ts';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  incident: Incident;
  recovery: RecoveryResponse | null;
  canEdit: boolean;
}

export function IncidentHeader({ incident, recovery, canEdit }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const overall = recovery ? overallRecovery(recovery) : null;

  const mark = async (patch: IncidentUpdate) => {
    setBusy(true);
    setError(null);
    try {
      await updateIncident(incident.id, patch);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const now = () => new Date().toISOString();

  return (
    <header className="incident-header">
      <div className="incident-title">
        <h1>{incident.title}</h1>
        {recovery ? <StatusBadge status={recovery.status} /> : null}
        {incident.demo && <span className="badge demo" title="Part of the labelled demo data set">Demo data</span>}
      </div>
      <p className="incident-meta">
        <span>{humanize(incident.kind)}</span>
        <span className={`severity severity-${incident.severity}`}>{humanize(incident.severity)} severity</span>
        <span>Streams: {streamsText(incident.streams)}</span>
        {incident.providers && <span>Providers: {incident.providers.join(', ')}</span>}
        <span>Baseline {incident.baseline_days} d · monitored {incident.monitor_days} d</span>
      </p>
      <dl className="facts">
        <div><dt>Occurred</dt><dd>{dateTime(incident.occurred_at)}</dd></div>
        <div>
          <dt>Contained</dt>
          <dd>
            {incident.contained_at ? dateTime(incident.contained_at) : <span className="muted">not yet</span>}
            {canEdit && !incident.contained_at && (
              <button type="button" className="small-button" disabled={busy} onClick={() => void mark({ contained_at: now() })}>Mark contained now</button>
            )}
          </dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd>
            {incident.resolved_at ? dateTime(incident.resolved_at) : <span className="muted">not yet</span>}
            {canEdit && !incident.resolved_at && (
              <button type="button" className="small-button" disabled={busy} onClick={() => void mark({ resolved_at: now(), ...(incident.contained_at ? {} : { contained_at: now() }) })}>Mark resolved now</button>
            )}
          </dd>
        </div>
        <div>
          <dt>Time to recover</dt>
          <dd>{overall === null ? <span className="muted">—</span> : overall.kind === 'recovered' ? <>{duration(overall.hours)} <span className="muted small">(at {dateTime(overall.at)})</span></> : <span className="muted">{overall.label}</span>}</dd>
        </div>
        {recovery && <div><dt>Evaluated</dt><dd>{dateTime(recovery.evaluated_at)}</dd></div>}
      </dl>
      {error && <p className="field-error" role="alert">{error}</p>}
    </header>
  );
}
