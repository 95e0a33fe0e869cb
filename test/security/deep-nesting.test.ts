// JSON nested thousands of levels deep inside a record (not only as the whole body): POST /api/events used to
// overflow the stack (a 500, "Maximum call stack size exceeded") once the batch was re-serialised. Now a 400 that
// names the event and field, and nothing stored; an NDJSON upload with the same nesting is refused as bad input,
// and a signed Mailgun webhook carrying it in a field Rebound does not read is stored, never a 500.
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../server/context.ts';
import { MAX_EVENT_NESTING } from '../../server/routes/ingest/index.ts';
import { tempDir } from '../integration/helpers.ts';
import { journalSettled } from '../integration/journal-post.ts';
import { appFor, NOW, servicesWith, sourceFixture, tableCount } from '../integration/sources-helpers.ts';
import { deepArrayJson, deepObjectJson } from '../property/support.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const MAILGUN_KEY = 'key-0123456789abcdef0123456789abcdef';
let s: Services;
let n = 0;
beforeEach(async () => {
  s = await servicesWith({ MAILGUN_WEBHOOK_SIGNING_KEY: MAILGUN_KEY }, `deep-${++n}`, tmp);
});
afterEach(() => s.db.close());

const EVENT = '"type":"delivery","timestamp":"2026-03-01T10:00:00Z","send_id":"s-1","stream":"promo","provider":"gmail"';
const DEPTHS = [5_000, 10_000, 100_000];
const stored = async () => (await tableCount(s.db, 'events')) + (await tableCount(s.db, 'sends'));

describe('deep nesting inside a record', () => {
  it.each(DEPTHS)('POST /api/events with a field nested %i levels: 400 naming events.1.diagnostic, nothing stored', async (depth) => {
    for (const deep of [deepArrayJson(depth), deepObjectJson(depth)]) {
      const body = `{"events":[{${EVENT}},{${EVENT},"diagnostic":${deep}}]}`;
      const res = await appFor(s).request('/api/events', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: { code: string; message: string; details: { field: string }[] } };
      expect(answer.error.code).toBe('validation_failed');
      expect(answer.error.message).toBe(`events.1.diagnostic: is nested more than ${MAX_EVENT_NESTING} levels deep; events are flat records`);
      expect(answer.error.details[0]?.field).toBe('events.1.diagnostic');
    }
    expect(await stored()).toBe(0);
  });

  it('a field nested a few levels is still the ordinary per-line rejection (422 naming the line and field)', async () => {
    const body = `{"events":[{${EVENT},"diagnostic":{"a":[1]}}]}`;
    const res = await appFor(s).request('/api/events', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/line 1: diagnostic/);
  });

  it.each(DEPTHS)('an NDJSON upload with a record nested %i levels is refused as bad input, nothing stored', async (depth) => {
    const body = `{${EVENT}}\n{${EVENT},"diagnostic":${deepArrayJson(depth)}}\n`;
    const res = await appFor(s).request('/api/ingest?format=ndjson', { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
    expect([400, 413, 422]).toContain(res.status);
    expect(await stored()).toBe(0);
  });

  it.each(DEPTHS)('a signed Mailgun webhook with a field nested %i levels (one Rebound does not read) is stored without a 500', async (depth) => {
    const timestamp = String(Math.floor(NOW.getTime() / 1000));
    const token = 'f1e2d3c4b5a697887766554433221100aabbccddeeff0011';
    const signature = createHmac('sha256', MAILGUN_KEY).update(timestamp + token).digest('hex');
    const payload = JSON.stringify({ ...(JSON.parse(sourceFixture('mailgun-failed.json')) as object), signature: { timestamp, token, signature } });
    const body = payload.replace(/"event-data"\s*:\s*\{/, `"event-data":{"user-variables":${deepObjectJson(depth)},`);
    expect(body).not.toBe(payload);
    const res = await appFor(s).request('/api/webhooks/mailgun', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status, await res.clone().text()).toBe(200);
    // Answered once on disk; in the store once the journal has loaded it (docs/webhooks.md).
    await journalSettled(s.db);
    expect(await stored()).toBeGreaterThan(0);
  });
});
