// Says whether the dashboard is following the server live, and when the data was last evaluated. A polite live
// region: a screen reader hears it when an evaluation lands or the connection drops, without losing its place.
import { useLiveState } from '../api/live.ts';
import { dateTime } from '../format.ts';

export function LiveStatus() {
  const { status, snapshot } = useLiveState();
  const evaluated = snapshot?.evaluated_at ? `last evaluated ${dateTime(snapshot.evaluated_at)}` : 'not evaluated yet';
  const text = status === 'live'
    ? `Live: data ${evaluated}`
    : status === 'offline'
      ? `Live updates paused, reconnecting (data ${evaluated})`
      : snapshot ? `Reconnecting (data ${evaluated})` : 'Connecting for live updates…';
  return (
    <p className={`live-status live-${status}`} role="status" aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
