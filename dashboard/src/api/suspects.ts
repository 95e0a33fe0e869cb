// The suspects endpoints (server/routes/suspects, docs/watch.md): what the watch found, and the editor's two
// answers to it. Types from shared/schema/suspects.ts.
import type { Incident } from '#shared/schema/incidents.ts';
import type { Suspect, SuspectDeclare, SuspectDismiss, SuspectList } from '#shared/schema/suspects.ts';
import { api, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export function useSuspectsQuery(): QueryState<SuspectList> {
  return useQuery(['suspects', 'list'], (signal) => ok(api.GET('/api/suspects', { signal })));
}

export async function declareSuspect(id: string, body: SuspectDeclare): Promise<{ suspect: Suspect; incident: Incident }> {
  const out = await ok(api.POST('/api/suspects/{id}/declare', { params: { path: { id } }, body }));
  invalidate(['suspects']);
  invalidate(['incidents']);
  return out;
}

export async function dismissSuspect(id: string, body: SuspectDismiss): Promise<Suspect> {
  const out = await ok(api.POST('/api/suspects/{id}/dismiss', { params: { path: { id } }, body }));
  invalidate(['suspects']);
  return out;
}
