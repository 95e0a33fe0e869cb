// The webhook quarantine (server/routes/quarantine): counts by ESP and reason and the newest events as received.
// Editors only: the payloads may hold addresses. Types from shared/schema, imported as types only.
import type { QuarantineList, QuarantineReplayResult } from '#shared/schema/quarantine.ts';
import { api, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export type { QuarantineList, QuarantineReplayResult };

// The page lists the newest few; the API and `rebound quarantine list --json` give the rest.
export const QUARANTINE_SHOWN = 20;

export function useQuarantineQuery(): QueryState<QuarantineList> {
  return useQuery(['quarantine', QUARANTINE_SHOWN], (signal) => ok(api.GET('/api/quarantine', { params: { query: { limit: QUARANTINE_SHOWN } }, signal })));
}

export async function replayQuarantine(): Promise<QuarantineReplayResult> {
  try {
    return await ok(api.POST('/api/quarantine/replay'));
  } finally {
    invalidate(['quarantine']);
    invalidate(['data']);
  }
}
