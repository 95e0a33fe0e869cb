// API conventions in-process (docs/api.md): the error shape, OpenAPI, tokens and roles, configuration.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { counts, fixture, goodEvent } from './helpers.ts';
import { appOver, perTestStore, type ErrorBody, type IncidentBody, json, INCIDENT, EMPTY } from './api-support.ts';

const store = perTestStore('api');
const appWith = (env: Record<string, string> = {}) => appOver(store.current(), env);

describe('conventions', () => {
  it('GET /api/openapi.json describes the routes', async () => {
    const res = await appWith().request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths['/api/incidents'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/incidents/{id}'] ?? {}).sort()).toEqual(['get', 'patch']);
    expect(Object.keys(doc.paths['/api/ingest'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/events'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/health'] ?? {})).toContain('get');
  });

  it('GET /api/health answers', async () => {
    const res = await appWith().request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('an unknown API route → 404 with the JSON error shape', async () => {
    for (const [method, path] of [['GET', '/api/nothing'], ['POST', '/api/incidents/inc-1/explode'], ['DELETE', '/api/incidents']]) {
      const res = await appWith().request(path ?? '', { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code).toBe('not_found');
      expect(typeof body.error.message).toBe('string');
      expect('details' in body.error).toBe(true);
    }
  });
});

describe('auth with REBOUND_TOKENS', () => {
  const VIEWER = 'viewer-token-0123456789';
  const EDITOR = 'editor-token-0123456789';
  const ADMIN = 'admin-token-01234567890';
  const TOKENS = { REBOUND_TOKENS: `viewer:${VIEWER},editor:${EDITOR},admin:${ADMIN}` };
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it('no token → 401, a wrong token → 401, on reads and writes alike', async () => {
    const app = appWith(TOKENS);
    for (const headers of [{}, bearer('not-a-real-token-at-all'), { authorization: VIEWER }, bearer(`${VIEWER}x`)]) {
      const get = await app.request('/api/incidents', { headers });
      expect(get.status, JSON.stringify(headers)).toBe(401);
      expect(((await get.json()) as ErrorBody).error.code).toBe('unauthorized');
      expect((await app.request('/api/incidents', json(INCIDENT, headers))).status).toBe(401);
    }
    expect(await counts(store.current())).toEqual(EMPTY);
  });

  it('a viewer reads (200) but cannot write (403, nothing stored)', async () => {
    const app = appWith(TOKENS);
    expect((await app.request('/api/incidents', { headers: bearer(VIEWER) })).status).toBe(200);
    expect((await app.request('/api/openapi.json', { headers: bearer(VIEWER) })).status).toBe(200);
    const post = await app.request('/api/incidents', json(INCIDENT, bearer(VIEWER)));
    expect(post.status).toBe(403);
    expect(((await post.json()) as ErrorBody).error.code).toBe('forbidden');
    const ingest = await app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv', ...bearer(VIEWER) } });
    expect(ingest.status).toBe(403);
    expect((await app.request('/api/events', json({ events: [goodEvent(1)] }, bearer(VIEWER)))).status).toBe(403);
    expect(await counts(store.current())).toEqual(EMPTY);
  });

  it('an editor writes (201/200); an admin too; the viewer then reads what they wrote', async () => {
    const app = appWith(TOKENS);
    const created = await app.request('/api/incidents', json(INCIDENT, bearer(EDITOR)));
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as IncidentBody;
    const patched = await app.request(`/api/incidents/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...bearer(EDITOR) }, body: JSON.stringify({ notes: 'x' }) });
    expect(patched.status).toBe(200);
    const ingest = await app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv', ...bearer(EDITOR) } });
    expect(ingest.status).toBe(200);
    expect((await app.request('/api/incidents', json(INCIDENT, bearer(ADMIN)))).status).toBe(201);
    const view = await app.request(`/api/incidents/${id}`, { headers: bearer(VIEWER) });
    expect(view.status).toBe(200);
    expect(((await view.json()) as IncidentBody).notes).toBe('x');
    expect(await counts(store.current())).toEqual({ ...EMPTY, sends: 4, incidents: 2 });
  });

  it('without tokens (local use) every caller may write', async () => {
    expect((await appWith().request('/api/incidents', json(INCIDENT))).status).toBe(201);
  });
});

describe('configuration', () => {
  const variableOf = (env: Record<string, string>): string | null => {
    try {
      loadConfig(env);
      return null;
    } catch (err) {
      if (err instanceof ConfigError) {
        expect(err.message.startsWith(`${err.variable}: `)).toBe(true);
        return err.variable;
      }
      throw err;
    }
  };

  it('HOST=0.0.0.0 without tokens is refused, naming HOST; with tokens it is allowed', () => {
    expect(variableOf({ HOST: '0.0.0.0' })).toBe('HOST');
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST/);
    expect(variableOf({ HOST: '0.0.0.0', REBOUND_TOKENS: 'admin:0123456789abcdef0123' })).toBeNull();
    expect(loadConfig({ HOST: '0.0.0.0', REBOUND_TOKENS: 'admin:0123456789abcdef0123' }).host).toBe('0.0.0.0');
  });

  it('a bad PORT is named', () => {
    expect(variableOf({ PORT: 'eighty' })).toBe('PORT');
    expect(variableOf({ PORT: '70000' })).toBe('PORT');
    expect(variableOf({ PORT: '-1' })).toBe('PORT');
    expect(variableOf({ PORT: '8080.5' })).toBe('PORT');
    expect(loadConfig({ PORT: '9000' }).port).toBe(9000);
  });

  it('bad tokens are named (unknown role, too short)', () => {
    expect(variableOf({ REBOUND_TOKENS: 'root:0123456789abcdef0123' })).toBe('REBOUND_TOKENS');
    expect(variableOf({ REBOUND_TOKENS: 'viewer:short' })).toBe('REBOUND_TOKENS');
    expect(variableOf({ REBOUND_TOKENS: 'viewer0123456789abcdef' })).toBe('REBOUND_TOKENS');
  });

  it('defaults: 127.0.0.1:8787, ./data/rebound.duckdb, no tokens', () => {
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', port: 8787, dbPath: './data/rebound.duckdb', tokens: null });
  });
});
