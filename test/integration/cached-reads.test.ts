// The cached reads (recovery, data summary, incidents, annotations, audience) answer byte for byte what the uncached path answers — on
// the demo store and after every kind of write that feeds them — with a strong ETag that changes exactly when the
// answer does, 304 on a match, gzip when asked, and no write to the store.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { seedDemoIfEmpty } from '../../server/demo/seed.ts';
import { recoveryOf } from '../../server/services/recovery.ts';
import type { Db } from '../../server/store/db.ts';
import { tempStore } from './helpers.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Got { status: number; etag: string | null; encoding: string | null; body: Buffer }

describe('cached reads', () => {
  const tmp = tempStore('rebound-cached-reads-');
  let db: Db;
  // The clock the evaluations run on; moved by the tests to put the stored evaluation before or after the data.
  let clock = new Date(Date.now() + DAY);
  let services: Services;
  let cached: ReturnType<typeof createApp>;
  let cold: ReturnType<typeof createApp>;
  let id: string;
  const paths = () => [`/api/incidents/${id}/recovery`, '/api/data/summary', '/api/incidents', '/api/incidents?open=true&limit=5', `/api/incidents/${id}`,
    `/api/incidents/${id}/annotations`, `/api/incidents/${id}/audience`];

  const get = async (app: ReturnType<typeof createApp>, path: string, headers: Record<string, string> = {}): Promise<Got> => {
    const res = await app.request(path, { headers: { 'accept-encoding': 'identity', ...headers } });
    return { status: res.status, etag: res.headers.get('etag'), encoding: res.headers.get('content-encoding'), body: Buffer.from(await res.arrayBuffer()) };
  };
  const send = (app: ReturnType<typeof createApp>, method: string, path: string, body: string, type = 'application/json') =>
    app.request(path, { method, body, headers: { 'content-type': type } });

  /** Every cached answer equals the uncached one; returns the ETags and the uncached bodies. */
  async function snapshot(): Promise<Map<string, { etag: string; body: string }>> {
    const out = new Map<string, { etag: string; body: string }>();
    for (const path of paths()) {
      const fresh = await get(cold, path);
      const hit = await get(cached, path);
      expect(fresh.status, path).toBe(200);
      expect(fresh.etag, 'the uncached path has no ETag').toBeNull();
      expect(hit.status, path).toBe(200);
      expect(hit.body.equals(fresh.body), `${path}: cached bytes equal the uncached bytes`).toBe(true);
      out.set(path, { etag: hit.etag ?? '', body: fresh.body.toString() });
    }
    return out;
  }
  /** After a write: the ETag of each answer changed exactly when its uncached body did. */
  async function expectChanged(before: Map<string, { etag: string; body: string }>, changed: string[]) {
    const after = await snapshot();
    for (const path of paths()) {
      const a = before.get(path);
      const b = after.get(path);
      const bodyChanged = a?.body !== b?.body;
      expect(bodyChanged, `${path}: answer changed`).toBe(changed.includes(path));
      expect(a?.etag !== b?.etag, `${path}: ETag changed`).toBe(bodyChanged);
    }
    return after;
  }
  const evaluations = async () => ({
    rows: await db.all('SELECT incident_id, evaluated_at, status, result_gz, result_parts FROM evaluations ORDER BY incident_id'),
    parts: await db.all('SELECT incident_id, part, bytes FROM evaluation_parts ORDER BY incident_id, part'),
  });

  beforeAll(async () => {
    db = await tmp.open();
    services = { db, config: loadConfig({}), now: () => clock, localToken: null };
    const seeded = await seedDemoIfEmpty(services);
    expect(seeded).toContain('incident');
    id = (await db.one<{ id: string }>('SELECT id FROM incidents'))?.id ?? '';
    cached = createApp(services);
    cold = createApp({ ...services, config: loadConfig({ REBOUND_READ_CACHE: '0' }) });
  }, 120_000);
  afterAll(tmp.cleanup);

  it('answers the demo store as the uncached path does, with a strong ETag, 304 on a match and gzip when asked', async () => {
    const recovery = `/api/incidents/${id}/recovery`;
    const direct = Buffer.from(JSON.stringify(await recoveryOf(services, id)));
    const snap = await snapshot();
    expect(Buffer.from(snap.get(recovery)?.body ?? '').equals(direct)).toBe(true);
    for (const path of paths()) {
      const first = await get(cached, path);
      const again = await get(cached, path);
      expect(first.etag).toMatch(/^"[\w-]{32}"$/);
      expect(again.etag).toBe(first.etag);
      const notModified = await get(cached, path, { 'if-none-match': first.etag ?? '' });
      expect(notModified.status).toBe(304);
      expect(notModified.body.length).toBe(0);
      expect(notModified.etag).toBe(first.etag);
      expect((await get(cached, path, { 'if-none-match': '"something-else"' })).status).toBe(200);
      const zipped = await get(cached, path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(zipped.encoding).toBe('gzip');
      expect(gunzipSync(zipped.body).equals(first.body)).toBe(true);
      expect(zipped.etag).not.toBe(first.etag);
      expect((await get(cached, path, { 'accept-encoding': 'gzip', 'if-none-match': `W/${zipped.etag ?? ''}` })).status).toBe(304);
    }
    const missing = await get(cached, '/api/incidents/inc-404/recovery');
    expect(missing.status).toBe(404);
  });

  it('changes the ETag exactly when the answer changes: evaluation, incident edit, ingest, annotations, lists', async () => {
    const recovery = `/api/incidents/${id}/recovery`;
    const annotations = `/api/incidents/${id}/annotations`;
    const audience = `/api/incidents/${id}/audience`;
    const incidentPaths = ['/api/incidents', '/api/incidents?open=true&limit=5', `/api/incidents/${id}`];
    let snap = await snapshot();

    // Annotations and recipient lists are not inputs of the recovery.
    expect((await send(cached, 'POST', annotations, JSON.stringify({ kind: 'campaign_paused', at: new Date(clock.getTime() - DAY).toISOString(), label: 'Paused' }))).status).toBe(201);
    snap = await expectChanged(snap, [annotations]);
    expect((await send(cached, 'PUT', `/api/incidents/${id}/lists/suppression`, 'someone@example.com\n', 'text/plain')).status).toBe(200);
    snap = await expectChanged(snap, [audience]);

    // An evaluation run later stores a new evaluation: the recovery is served from it.
    clock = new Date(clock.getTime() + HOUR);
    expect((await send(cached, 'POST', '/api/evaluate', '')).status).toBe(200);
    snap = await expectChanged(snap, [recovery]);
    expect((JSON.parse(snap.get(recovery)?.body ?? '{}') as { evaluated_at: string }).evaluated_at).toBe(clock.toISOString());

    // An evaluation older than the data: every read evaluates afresh (at the same clock, so the same answer) —
    // and stores nothing.
    clock = new Date(Date.now() - HOUR);
    expect((await send(cached, 'POST', '/api/evaluate', '')).status).toBe(200);
    snap = await expectChanged(snap, [recovery]);
    const stored = await evaluations();

    // An incident edit: its title, and its apology send (another table).
    expect((await send(cached, 'PATCH', `/api/incidents/${id}`, JSON.stringify({ title: '[Demo] Renamed' }))).status).toBe(200);
    snap = await expectChanged(snap, [recovery, ...incidentPaths]);
    expect((await send(cached, 'PATCH', `/api/incidents/${id}`, JSON.stringify({ apology_send_id: 'apology-0001' }))).status).toBe(200);
    snap = await expectChanged(snap, [recovery, ...incidentPaths, audience]);

    // An ingest: a new send in the monitoring window changes the recovery's points and the data summary.
    const sentAt = new Date(clock.getTime() - 2 * HOUR).toISOString();
    const csv = `send_id,stream,provider,sent_at,injected,delivered,bounced_hard,bounced_soft,bounced_block,complaints,unsubscribes\nlate-1,promotions,gmail,${sentAt},50000,49000,900,50,50,20,30\n`;
    const ingest = await send(cached, 'POST', '/api/ingest?kind=sends', csv, 'text/csv');
    expect(ingest.status, await ingest.clone().text()).toBe(200);
    snap = await expectChanged(snap, [recovery, '/api/data/summary']);
    expect(snap.get(recovery)?.body).toContain('"send_id":"late-1"');

    // None of those reads wrote: the stored evaluation is still the one the last run stored.
    expect(await evaluations()).toEqual(stored);
  });
});
