// The webhook quarantine (server/routes/quarantine): counts by ESP and reason and the newest events as received.
// Editors only: the payloads may hold addresses. Types from shared/schema, imported as types only.
import type { QuarantineList, QuarantineReplayResult } from '#shared/schema/quarantine.ts';
import { apiRequest } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export type { QuarantineList, QuarantineReplayResult };

// The page lists the newest few; the API and `rebound quarantine list --json` give the rest.
export const QUARANTINE_SHOWN = 20;

export function useQuarantineQuery(): QueryState<QuarantineList> {
  return useQuery(['quarantine', QUARANTINE_SHOWN], (signal) => apiRequest<QuarantineList>(`/api/quarantine?limit=${QUARANTINE_SHOWN}`, { signal }));
}

export async function replayQuarantine(): Promise<QuarantineReplayResult> {
  try {
    return await apiRequest<QuarantineReplayResult>('/api/quarantine/replay', { method: 'POST' });
  } finally {
    invalidate(['quarantine']);
    invalidate(['data']);
  }
}
