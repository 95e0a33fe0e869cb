// The header's live status line, apart from the stream that feeds it (components/LiveStatus.tsx): the shell shows it
// as "connecting" while that chunk loads, so the first page does not carry the stream and the schemas it reads.
export type LiveStatusKind = 'connecting' | 'live' | 'offline';

export const CONNECTING_TEXT = 'Connecting for live updates…';

/** A polite live region: a screen reader hears it when an evaluation lands or the connection drops, without losing its place. */
export function LiveStatusLine({ status, text }: { status: LiveStatusKind; text: string }) {
  return (
    <p className={`live-status live-${status}`} role="status" aria-live="polite">
      <span className="live-dot" aria-hidden="true" />
      {text}
    </p>
  );
}
