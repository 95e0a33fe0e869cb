// The sources endpoints (server/routes/sources): each pulled or pushed source's last run, and "pull now" (admin).
// Response types come from shared/schema, imported as types only.
import type { DomainCompliance, IpStatusList } from '#shared/schema/reputation-status.ts';
import type { SourceInfo } from '#shared/schema/sources.ts';
import { api, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export type { DomainCompliance, IpStatusList, SourceInfo };

export function useSourcesQuery(): QueryState<{ sources: SourceInfo[] }> {
  return useQuery(['sources'], (signal) => ok(api.GET('/api/sources', { signal })));
}

export function useComplianceQuery(): QueryState<{ domains: DomainCompliance[] }> {
  return useQuery(['compliance'], (signal) => ok(api.GET('/api/sources/compliance', { signal })));
}

export function useIpStatusQuery(): QueryState<IpStatusList> {
  return useQuery(['snds-ip-status'], (signal) => ok(api.GET('/api/sources/snds-ip-status', { signal })));
}

export async function pullSource(name: string): Promise<{ summaries: string[] }> {
  try {
    return await ok(api.POST('/api/sources/{name}/pull', { params: { path: { name } } }));
  } finally {
    invalidate(['sources']);
    invalidate(['data']);
    invalidate(['compliance']);
    invalidate(['snds-ip-status']);
  }
}
