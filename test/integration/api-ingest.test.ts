// The ingest API in-process (docs/data-formats.md, docs/api.md): raw bodies, multipart, JSON batches, rejections with line and reason.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { counts, fixture, goodEvent, sendRows } from './helpers.ts';
import { appOver, perTestStore, type ErrorBody, type IngestBody, json, fieldsOf, EMPTY } from './api-support.ts';

const store = perTestStore('api');
const appWith = (env: Record<string, string> = {}) => appOver(store.current(), env);

describe('ingest', () => {
  it('POST /api/ingest with a text/csv body stores the send summaries', async () => {
    const res = await appWith().request('/api/ingest?name=sends.csv', { method: 'POST', body: readFileSync(fixture('sends.csv')), headers: { 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'sends.csv', kind: 'sends', format: 'csv', status: 'stored', read: 4, stored: 4, duplicate: 0, rejected: 0 });
    expect(await counts(store.current())).toEqual({ ...EMPTY, sends: 4 });
  });

  it('POST /api/ingest with an NDJSON body, twice: the second stores nothing', async () => {
    const app = appWith();
    const post = () => app.request('/api/ingest', { method: 'POST', body: readFileSync(fixture('events.ndjson')), headers: { 'content-type': 'application/x-ndjson' } });
    expect(await (await post()).json()).toMatchObject({ kind: 'events', format: 'ndjson', read: 18, stored: 17, duplicate: 1 });
    expect(await (await post()).json()).toMatchObject({ read: 18, stored: 0, duplicate: 18 });
    expect(await counts(store.current())).toEqual({ ...EMPTY, events: 17, sends: 5 });
  });

  it('POST /api/ingest with a multipart upload (field "file")', async () => {
    const form = new FormData();
    form.append('file', new File([readFileSync(fixture('events.csv'))], 'events.csv', { type: 'text/csv' }));
    const res = await appWith().request('/api/ingest', { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ source: 'events.csv', kind: 'events', format: 'csv', status: 'stored', read: 18, stored: 17, duplicate: 1 });
    expect(await counts(store.current())).toEqual({ ...EMPTY, events: 17, sends: 5 });
  });

  it('a multipart upload without a file → 400 naming "file"', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await appWith().request('/api/ingest', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(fieldsOf((await res.json()) as ErrorBody)).toContain('file');
  });

  it('a bad file → 422 with every rejection (line, reason) in error.details, nothing stored; skip_bad=true stores the good', async () => {
    const app = appWith();
    const text = readFileSync(fixture('sends.csv'), 'utf8').replace('c-1,promo,yahoo,2026-03-03T10:00:00Z,5000', 'c-1,promo,yahoo,2026-03-03T10:00:00Z,-5000');
    const post = (q: string) => app.request(`/api/ingest?name=bad.csv${q}`, { method: 'POST', body: text, headers: { 'content-type': 'text/csv' } });
    const res = await post('');
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { code: string; message: string; details: IngestBody } };
    expect(err.error.code).toBe('rejected');
    expect(err.error.details).toMatchObject({ source: 'bad.csv', status: 'rejected', read: 4, stored: 0, rejected: 1 });
    expect(err.error.details.rejections).toEqual([{ line: 3, reason: 'injected: must not be negative' }]);
    expect(err.error.message).toMatch(/line 3/);
    expect(await counts(store.current())).toEqual(EMPTY);

    const partial = await post('&skip_bad=true');
    expect(partial.status).toBe(200);
    expect(await partial.json()).toMatchObject({ status: 'partial', read: 4, stored: 3, rejected: 1, rejections: [{ line: 3 }] });
    expect(await counts(store.current())).toEqual({ ...EMPTY, sends: 3 });
  });

  it('a wrong kind, an empty body and a binary body → 400 with the reason, nothing stored', async () => {
    const app = appWith();
    const wrong = await app.request('/api/ingest?kind=sends', { method: 'POST', body: readFileSync(fixture('events.ndjson')), headers: { 'content-type': 'application/x-ndjson' } });
    expect(wrong.status).toBe(400);
    const w = (await wrong.json()) as ErrorBody;
    expect(w.error.message).toMatch(/events data, not sends/);
    expect(fieldsOf(w)).toEqual(['kind']);
    const empty = await app.request('/api/ingest', { method: 'POST', body: '', headers: { 'content-type': 'text/csv' } });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).error.message).toMatch(/empty|no body/);
    const binary = await app.request('/api/ingest', { method: 'POST', body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), headers: { 'content-type': 'application/octet-stream' } });
    expect(binary.status).toBe(400);
    expect(((await binary.json()) as ErrorBody).error.message).toMatch(/binary/);
    const badKind = await app.request('/api/ingest?kind=cats', { method: 'POST', body: 'a,b\n1,2\n', headers: { 'content-type': 'text/csv' } });
    expect(badKind.status).toBe(400);
    expect(fieldsOf((await badKind.json()) as ErrorBody)).toContain('kind');
    expect(await counts(store.current())).toEqual(EMPTY);
  });

  it('POST /api/events stores a JSON batch and rolls it up', async () => {
    const events = [
      goodEvent(1, { type: 'injection', timestamp: '2026-03-08T08:00:00Z', send_id: 'api-1' }),
      goodEvent(2, { type: 'delivery', timestamp: '2026-03-08T08:00:05Z', send_id: 'api-1' }),
      goodEvent(3, { type: 'complaint', timestamp: '2026-03-09T08:00:00Z', send_id: 'api-1' }),
    ];
    const app = appWith();
    const res = await app.request('/api/events', json({ events }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: 'events', status: 'stored', read: 3, stored: 3, duplicate: 0 });
    expect(await sendRows(store.current())).toEqual([{
      send_id: 'api-1', provider: 'gmail', stream: 'promo', sent_at: '2026-03-08T08:00:00.000Z', injected: 1, delivered: 1,
      bounced_hard: 0, bounced_soft: 0, bounced_block: 0, complaints: 1, unsubscribes: 0, opens: 0, clicks: 0,
    }]);
    expect(await (await app.request('/api/events', json({ events }))).json()).toMatchObject({ stored: 0, duplicate: 3 });
  });

  it('POST /api/events with a bad event → 422 naming its position (line N = events[N-1]), nothing stored', async () => {
    const app = appWith();
    const res = await app.request('/api/events', json({ events: [goodEvent(1), goodEvent(2, { type: 'sent' }), goodEvent(3)] }));
    expect(res.status).toBe(422);
    const err = (await res.json()) as { error: { details: IngestBody } };
    expect(err.error.details.rejections).toEqual([{ line: 2, reason: expect.stringMatching(/^type: must be one of/) as unknown as string }]);
    expect(await counts(store.current())).toEqual(EMPTY);
    const empty = await app.request('/api/events', json({ events: [] }));
    expect(empty.status).toBe(400);
    expect(fieldsOf((await empty.json()) as ErrorBody)).toContain('events');
    const notJson = await app.request('/api/events', { method: 'POST', body: '{"events": [', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(await counts(store.current())).toEqual(EMPTY);
  });
});

