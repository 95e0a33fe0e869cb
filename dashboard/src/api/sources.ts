// The sources endpoints (server/routes/sources): each pulled or pushed source's last run, and "pull now" (admin).
// SourceInfo is declared by the server (not yet in shared/schema); imported as a type only.
import type { SourceInfo } from '../../../shared/schema/sources.ts';
import { apiRequest } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export type { SourceInfo };

export function useSourcesQuery(): QueryState<{ sources: SourceInfo[] }> {
  return useQuery(['sources'], (signal) => apiRequest<{ sources: SourceInfo[] }>('/api/sources', { signal }));
}

export async function pullSource(name: string): Promise<{ summaries: string[] }> {
  try {
    return await apiRequest<{ summaries: string[] }>(`/api/sources/${encodeURIComponent(name)}/pull`, { method: 'POST' });
  } finally {
    invalidate(['sources']);
    invalidate(['data']);
  }
}
