// Stable suspects across runs (docs/watch.md): every evaluation run groups the dips it sees afresh, and each group
// is matched to the stored suspect it continues — one that shares a series with it (metric × stream × provider)
// and whose dips it meets within `groupHours` — so a suspect keeps its id, status and first-seen time while its
// dip goes on, and a dismissed suspect stays dismissed instead of coming back with a new id. Pure.
import type { SuspectGroup } from './group.ts';

const HOUR_MS = 3_600_000;

export interface KnownSuspect {
  id: string;
  status: 'open' | 'declared' | 'dismissed';
  first_seen_at: string;
  last_seen_at: string;
  members: readonly string[];
}

export interface Matched { group: SuspectGroup; suspect: KnownSuspect | null }

function continues(known: KnownSuspect, g: SuspectGroup, gapMs: number): boolean {
  if (!g.members.some((m) => known.members.includes(m))) return false;
  return Date.parse(g.first_seen_at) <= Date.parse(known.last_seen_at) + gapMs && Date.parse(g.last_seen_at) >= Date.parse(known.first_seen_at) - gapMs;
}

/**
 * Each group with the stored suspect it continues (the oldest, when several qualify), or null for a new suspect.
 * Groups that continue the same suspect are returned once each; the caller merges them into it.
 */
export function reconcile(known: readonly KnownSuspect[], groups: readonly SuspectGroup[], groupHours: number): Matched[] {
  const gapMs = groupHours * HOUR_MS;
  const oldestFirst = [...known].sort((a, b) => a.first_seen_at.localeCompare(b.first_seen_at) || a.id.localeCompare(b.id));
  return groups.map((group) => ({ group, suspect: oldestFirst.find((k) => continues(k, group, gapMs)) ?? null }));
}
