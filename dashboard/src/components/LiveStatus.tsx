// Says whether the dashboard is following the server live, and when the data was last evaluated; its default export
// also keeps the stream open (once, in the shell's header). A chunk of its own: the shell loads it after the first page
// (docs/performance.md), with the same line saying "connecting" until then.
import { useLiveState, useLiveUpdates } from '../api/live.ts';
import { dateTime } from '../format.ts';
import { CONNECTING_TEXT, LiveStatusLine } from './LiveStatusLine.tsx';

export function LiveStatus() {
  const { status, snapshot } = useLiveState();
  const evaluated = snapshot?.evaluated_at ? `last evaluated ${dateTime(snapshot.evaluated_at)}` : 'not evaluated yet';
  const text = status === 'live'
    ? `Live: data ${evaluated}`
    : status === 'offline'
      ? `Live updates paused, reconnecting (data ${evaluated})`
      : snapshot ? `Reconnecting (data ${evaluated})` : CONNECTING_TEXT;
  return <LiveStatusLine status={status} text={text} />;
}

/** Follows the server's changes while mounted, so what is on screen refreshes without a reload, and says so. */
export default function LiveUpdates() {
  useLiveUpdates();
  return <LiveStatus />;
}
