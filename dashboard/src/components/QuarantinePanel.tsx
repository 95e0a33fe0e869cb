// The data page's webhook quarantine: events an ESP sent that Rebound could not use yet, counted by ESP and reason,
// the newest listed, and (editors) a replay after the settings were fixed. Nothing an ESP sent is dropped.
import { useState } from 'react';
import { QUARANTINE_SHOWN, replayQuarantine, useQuarantineQuery } from '../api/quarantine.ts';
import { count, dateTime, humanize } from '../format.ts';
import { Empty, ErrorBox, Loading } from './States.tsx';

function ReplayButton() {
  const [state, setState] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });
  const replay = async () => {
    setState({ busy: true, message: null, error: null });
    try {
      const r = await replayQuarantine();
      setState({ busy: false, message: `Replayed ${count(r.replayed)}: ${count(r.stored)} stored, ${count(r.still_quarantined)} still quarantined.`, error: null });
    } catch (err) {
      setState({ busy: false, message: null, error: `The replay failed${err instanceof Error ? ` (${err.message})` : ''}.` });
    }
  };
  return (
    <p>
      <button type="button" className="small-button" disabled={state.busy} onClick={() => void replay()}>{state.busy ? 'Replaying…' : 'Replay quarantined events'}</button>
      {state.message && <span className="small" role="status"> {state.message}</span>}
      {state.error && <span className="field-error" role="alert"> {state.error}</span>}
    </p>
  );
}

function QuarantineBody() {
  const q = useQuarantineQuery();
  if (q.status === 'loading') return <Loading what="the webhook quarantine" />;
  if (q.status === 'error') return <ErrorBox what="the webhook quarantine" error={q.error} retryKey={['quarantine']} />;
  const d = q.data;
  if (d.total === 0) return <Empty><p>Nothing quarantined: every webhook event could be used.</p></Empty>;
  return (
    <>
      <p>{count(d.total)} webhook event(s) kept as received because Rebound could not use them. Fix the mapping or settings (docs/webhooks.md), then replay them.</p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Quarantined events by ESP and reason</caption>
          <thead><tr><th scope="col">ESP</th><th scope="col">Reason</th><th scope="col" className="num">Events</th><th scope="col">Last received</th></tr></thead>
          <tbody>
            {d.counts.map((c) => (
              <tr key={`${c.esp}|${c.reason}`}><td>{humanize(c.esp)}</td><td>{c.reason}</td><td className="num">{count(c.count)}</td><td>{dateTime(c.last_received_at)}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table>
          <caption>Newest {Math.min(QUARANTINE_SHOWN, d.events.length)} quarantined events</caption>
          <thead><tr><th scope="col">#</th><th scope="col">Received</th><th scope="col">ESP</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {d.events.map((e) => (
              <tr key={e.id}><td>{e.id}</td><td>{dateTime(e.received_at)}</td><td>{humanize(e.esp)}</td><td>{e.reason}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <ReplayButton />
    </>
  );
}

export function QuarantinePanel({ canRead }: { canRead: boolean }) {
  return (
    <section className="panel" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Webhook quarantine</h2>
      {canRead ? <QuarantineBody /> : <p className="muted">Quarantined events may hold recipient addresses: they need the editor role.</p>}
    </section>
  );
}
