// A tiny query cache: one entry per key (every input of a request is in its key), shared by every component
// that asks for it, refetched on invalidate(). Enough for a dashboard of a handful of endpoints; a library
// such as TanStack Query would add ~13 KB gzipped for features (retries, GC timers, devtools) we do not need.
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiFailure } from './client.ts';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiFailure }
  | { status: 'success'; data: T; refreshing: boolean };

interface Entry {
  state: QueryState<unknown>;
  fetcher: (signal: AbortSignal) => Promise<unknown>;
  controller: AbortController | null;
  listeners: Set<() => void>;
}

const LOADING: QueryState<never> = { status: 'loading' };
const cache = new Map<string, Entry>();

export const keyOf = (key: readonly unknown[]): string => JSON.stringify(key);

function setState(entry: Entry, state: QueryState<unknown>): void {
  entry.state = state;
  for (const l of entry.listeners) l();
}

function run(entry: Entry): void {
  entry.controller?.abort();
  const controller = new AbortController();
  entry.controller = controller;
  // Keep showing the old data while a refetch runs, so pages do not flash a spinner after every save.
  if (entry.state.status === 'success') setState(entry, { ...entry.state, refreshing: true });
  else if (entry.state.status === 'error') setState(entry, LOADING);
  entry.fetcher(controller.signal).then(
    (data) => {
      if (entry.controller === controller) setState(entry, { status: 'success', data, refreshing: false });
    },
    (err: unknown) => {
      if (entry.controller !== controller || controller.signal.aborted) return;
      const error = err instanceof ApiFailure ? err : new ApiFailure(0, 'client', err instanceof Error ? err.message : String(err), null);
      setState(entry, { status: 'error', error });
    },
  );
}

function entryFor(k: string, fetcher: (signal: AbortSignal) => Promise<unknown>): Entry {
  let entry = cache.get(k);
  if (!entry) {
    entry = { state: LOADING, fetcher, controller: null, listeners: new Set() };
    cache.set(k, entry);
  }
  return entry;
}

/** Reads `key`, fetching it when no component has yet. Pass `enabled: false` to wait for an input. */
export function useQuery<T>(key: readonly unknown[], fetcher: (signal: AbortSignal) => Promise<T>, enabled = true): QueryState<T> {
  const k = keyOf(key);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!enabled) return () => undefined;
      const entry = entryFor(k, fetcher);
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    // The fetcher is derived from the key's inputs, so the key alone identifies it.
    [k, enabled],
  );
  const state = useSyncExternalStore(subscribe, () => (enabled ? cache.get(k)?.state ?? LOADING : LOADING));
  useEffect(() => {
    if (!enabled) return;
    const entry = entryFor(k, fetcher);
    entry.fetcher = fetcher;
    if (entry.state.status === 'loading' && !entry.controller) run(entry);
  }, [k, enabled]);
  return state as QueryState<T>;
}

/** Refetches every cached query whose key starts with `prefix` (all of them without one). */
export function invalidate(prefix: readonly unknown[] = []): void {
  const p = keyOf(prefix).slice(0, -1);
  for (const [k, entry] of cache) {
    if (!k.startsWith(p)) continue;
    if (entry.listeners.size > 0) run(entry);
    else cache.delete(k);
  }
}

/** Forgets every answer, e.g. after signing in or out: what is shown refetches from scratch. */
export function clearQueries(): void {
  for (const [k, entry] of cache) {
    entry.controller?.abort();
    entry.controller = null;
    if (entry.listeners.size === 0) {
      cache.delete(k);
      continue;
    }
    setState(entry, LOADING);
    run(entry);
  }
}
