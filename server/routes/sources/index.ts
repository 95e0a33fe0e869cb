// /api/sources: each pulled and pushed source with its last run, watermark, rows and errors (the dashboard's data
// page), and POST /api/sources/{name}/pull to run a pull now (what `rebound pull` calls while a server holds the
// store). Running a pull manages a source, so it needs the admin role (docs/api.md).
import { z } from 'zod';
import { requireRole } from '../../auth.ts';
import type { Services } from '../../context.ts';
import { ApiError } from '../../errors.ts';
import { complianceOverview, ipStatusOverview } from '../../services/reputation-status.ts';
import { pullNow, SourceNotConfigured, sourcesOverview } from '../../services/sources.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';
import { domainCompliance, ipStatusList } from '#shared/schema/reputation-status.ts';
import { sourceInfo } from '#shared/schema/sources.ts';


const list = apiRoute({
  method: 'get', path: '/api/sources', operationId: 'listSources', tags: ['sources'],
  summary: 'Pulled and pushed sources: last run, watermark, rows, errors',
  responses: { 200: { description: 'Configured sources first', content: { 'application/json': { schema: z.object({ sources: z.array(sourceInfo) }) } } }, ...errorResponses },
});

const compliance = apiRoute({
  method: 'get', path: '/api/sources/compliance', operationId: 'listDomainCompliance', tags: ['sources'],
  summary: 'Gmail Postmaster Tools compliance status per domain and requirement (domains needing work first)',
  responses: { 200: { description: 'The last pulled status of each domain', content: { 'application/json': { schema: z.object({ domains: z.array(domainCompliance) }) } } }, ...errorResponses },
});

const ipStatus = apiRoute({
  method: 'get', path: '/api/sources/snds-ip-status', operationId: 'getSndsIpStatus', tags: ['sources'],
  summary: 'Microsoft SNDS IP status list: listed IP ranges, blocked or not, with reason and streams',
  responses: { 200: { description: 'Blocked ranges first', content: { 'application/json': { schema: ipStatusList } } }, ...errorResponses },
});

const pull = apiRoute({
  method: 'post', path: '/api/sources/{name}/pull', operationId: 'pullSource', tags: ['sources'], summary: 'Run a pull now (admin)',
  request: { params: z.object({ name: z.string().max(32) }) },
  middleware: [requireRole('admin')] as const,
  responses: {
    200: { description: 'The pull ran', content: { 'application/json': { schema: z.object({ summaries: z.array(z.string()) }) } } },
    ...errorResponses, ...notFound,
  },
});

export function sourceRoutes(s: Services) {
  return router()
    .openapi(list, async (c) => c.json({ sources: await sourcesOverview(s) }, 200))
    .openapi(compliance, async (c) => c.json({ domains: await complianceOverview(s) }, 200))
    .openapi(ipStatus, async (c) => c.json(await ipStatusOverview(s), 200))
    .openapi(pull, async (c) => {
      const name = c.req.valid('param').name;
      try {
        return c.json({ summaries: await pullNow(s, name === 'all' ? undefined : name) }, 200);
      } catch (err) {
        if (err instanceof SourceNotConfigured) throw new ApiError('not_found', err.message);
        // The source's own failure (unreachable, refused, bad answer) is recorded in its state; the caller gets
        // a 502 that says so, not an internal error.
        throw new ApiError('upstream_failed', `the ${name} pull failed: ${err instanceof Error ? err.message : String(err)}`, { field: 'name' });
      }
    });
}
