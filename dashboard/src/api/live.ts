// The dashboard watches with you: one server-sent event stream (GET /api/events/stream, docs/alerts.md) tells it
// when an evaluation, ingest, pull, incident edit or alert changed the store, and it refetches the queries that
// show those things — what is on screen refreshes without a reload. EventSource cannot send the bearer token, so
// the stream is opened with a one-minute ticket asked for with it; when the stream drops for good (a restart, an
// expired ticket on reconnect), a fresh ticket opens a new one.
import { useEffect, useSyncExternalStore } from 'react';
import { changedKinds, type LiveChange, type LiveKind, type LiveSnapshot, type LiveTicket } from '#shared/schema/live.ts';
import { api, ok } from './client.ts';
import { invalidate } from './query.ts';

export interface LiveState { status: 'connecting' | 'live' | 'offline'; snapshot: LiveSnapshot | null }

// What each kind of change makes stale (query key prefixes of api/*.ts). Recoveries depend on the data too: the
// server re-evaluates a recovery whose data changed when it is read.
const STALE: Record<LiveKind, readonly (readonly string[])[]> = {
  evaluated: [['recovery'], ['reports'], ['suspects']],
  data: [['data'], ['sources'], ['compliance'], ['snds-ip-status'], ['recovery'], ['audience']],
  incidents: [['incidents'], ['annotations']],
  alerts: [['alerts']],
  suspects: [['suspects']],
};
// After a failure to open the stream, try again in 5 s, then up to a minute apart: a server that is down is not
// hammered, one that restarted is found again quickly.
const RETRY_BASE_MS = 5_000;
const RETRY_CAP_MS = 60_000;

let state: LiveState = { status: 'connecting', snapshot: null };
const listeners = new Set<() => void>();

function setState(next: LiveState): void {
  if (next.status === state.status && next.snapshot === state.snapshot) return;
  state = next;
  for (const l of listeners) l();
}

function refresh(kinds: readonly LiveKind[]): void {
  const prefixes = new Set(kinds.flatMap((k) => STALE[k].map((p) => JSON.stringify(p))));
  for (const p of prefixes) invalidate(JSON.parse(p) as string[]);
}

export function useLiveState(): LiveState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** Keeps the stream open while the app is mounted (once, in the shell). */
export function useLiveUpdates(): void {
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const retryLater = () => {
      source?.close();
      source = null;
      setState({ status: 'offline', snapshot: state.snapshot });
      const delay = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** failures++);
      timer = setTimeout(() => void connect(), delay);
    };
    const receive = (snapshot: LiveSnapshot, kinds: readonly LiveKind[]) => {
      failures = 0;
      if (kinds.length > 0) refresh(kinds);
      setState({ status: 'live', snapshot });
    };

    async function connect(): Promise<void> {
      if (stopped) return;
      setState({ status: 'connecting', snapshot: state.snapshot });
      let ticket: LiveTicket;
      try {
        ticket = await ok(api.POST('/api/events/ticket'));
      } catch {
        retryLater();
        return;
      }
      if (stopped) return;
      const es = new EventSource(`/api/events/stream?ticket=${encodeURIComponent(ticket.ticket)}`);
      source = es;
      // On connect (and on each automatic reconnect): what changed while we were not listening.
      es.addEventListener('snapshot', (e: MessageEvent<string>) => {
        const snapshot = JSON.parse(e.data) as LiveSnapshot;
        receive(snapshot, state.snapshot ? changedKinds(state.snapshot, snapshot) : []);
      });
      es.addEventListener('change', (e: MessageEvent<string>) => {
        const change = JSON.parse(e.data) as LiveChange;
        receive(change.snapshot, change.kinds);
      });
      es.onerror = () => {
        // CONNECTING: the browser reconnects by itself (its ticket may have expired by then: that ends as CLOSED).
        if (es.readyState === EventSource.CLOSED) retryLater();
        else setState({ status: 'connecting', snapshot: state.snapshot });
      };
    }

    void connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, []);
}
