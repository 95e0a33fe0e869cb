// The OpenAPI description drives generated clients, Postman imports and docs sites (docs/api.md): it is built from
// the app's own route definitions and linted with Redocly's linter, the one `redocly lint` runs. Zero errors and
// zero warnings under the "recommended" ruleset, with one rule off: info-license, because Rebound is not published
// under a licence (package.json is private) and the description must not name one it does not have.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { isHealthCheck, isWebhookDelivery } from '../../server/auth.ts';
import { appOver, perTestStore } from './api-support.ts';

const store = perTestStore('openapi');
const TOKEN = 'openapi-lint-viewer-token-0001';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Operation { operationId?: string; security?: Record<string, string[]>[] }
interface Description { servers?: { url: string }[]; security?: unknown; paths: Record<string, Record<string, Operation>> }

async function description(env: Record<string, string>): Promise<string> {
  const res = await appOver(store.current(), env).request('/api/openapi.json', { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

async function lint(source: string): Promise<NormalizedProblem[]> {
  const config = await createConfig({ extends: ['recommended'], rules: { 'info-license': 'off' } });
  return lintFromString({ source, absoluteRef: 'openapi.json', config });
}

const shown = (problems: NormalizedProblem[]) =>
  problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);

function operations(doc: Description): [string, string, Operation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([method, op]): [string, string, Operation] => [method, path, op]));
}

describe('the OpenAPI description', () => {
  for (const [mode, env] of [['with tokens', { REBOUND_TOKENS: `viewer:${TOKEN}` }], ['local', {}]] as const) {
    it(`passes Redocly's recommended lint with no errors and no warnings (${mode})`, async () => {
      expect(shown(await lint(await description(env)))).toEqual([]);
    });
  }

  it('names every operation and states its authentication on the operation, as the server applies it', async () => {
    const doc = JSON.parse(await description({ REBOUND_TOKENS: `viewer:${TOKEN}` })) as Description;
    expect(doc.security).toBeUndefined();
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(30);
    for (const [method, path, op] of ops) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      // The server's own exemptions (server/auth.ts) are exactly the operations described as needing no token.
      const concrete = path.replace(/\{[^}]+\}/g, 'x');
      const open = isHealthCheck(method.toUpperCase(), concrete) || isWebhookDelivery(method.toUpperCase(), concrete);
      if (open) expect(op.security, `${method} ${path}`).toEqual([]);
      else expect(op.security?.[0], `${method} ${path}`).toEqual({ bearer: [] });
    }
    expect(doc.paths['/api/health']?.get?.security).toEqual([]);
    expect(new Set(ops.map(([, , op]) => op.operationId)).size).toBe(ops.length);
  });

  it('the lint catches an operation without an operationId or without security', async () => {
    const doc = JSON.parse(await description({})) as Description;
    const incidents = doc.paths['/api/incidents'];
    if (!incidents?.get || !incidents.post) throw new Error('no /api/incidents in the description');
    delete incidents.get.operationId;
    delete incidents.post.security;
    const rules = (await lint(JSON.stringify(doc))).map((p) => `${p.severity} ${p.ruleId}`);
    expect(rules).toContain('warn operation-operationId');
    expect(rules).toContain('error security-defined');
  });
});
