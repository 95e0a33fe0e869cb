// The suspects endpoints (server/routes/suspects, docs/watch.md): what the watch found, and the editor's two
// answers to it. Types from shared/schema/suspects.ts.
import type { Incident } from '#shared/schema/incidents.ts';
import type { Suspect, SuspectDeclare, SuspectDismiss, SuspectList } from '#shared/schema/suspects.ts';
import { apiRequest } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

const enc = encodeURIComponent;

export function useSuspectsQuery(): QueryState<SuspectList> {
  return useQuery(['suspects', 'list'], (signal) => apiRequest<SuspectList>('/api/suspects', { signal }));
}

export async function declareSuspect(id: string, body: SuspectDeclare): Promise<{ suspect: Suspect; incident: Incident }> {
  const out = await apiRequest<{ suspect: Suspect; incident: Incident }>(`/api/suspects/${enc(id)}/declare`, { method: 'POST', body });
  invalidate(['suspects']);
  invalidate(['incidents']);
  return out;
}

export async function dismissSuspect(id: string, body: SuspectDismiss): Promise<Suspect> {
  const out = await apiRequest<Suspect>(`/api/suspects/${enc(id)}/dismiss`, { method: 'POST', body });
  invalidate(['suspects']);
  return out;
}
