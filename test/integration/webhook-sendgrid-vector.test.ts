// SendGrid's published signed test vector (test/fixtures/webhooks/README.md cites it: the tests of SendGrid's
// official @sendgrid/eventwebhook package) posted through POST /api/webhooks/sendgrid exactly as given: its
// verification key configured as SENDGRID_WEBHOOK_PUBLIC_KEY, its signature and timestamp in SendGrid's two
// headers, its payload as the body. The vector's own negative cases are refused with 401, and so is the valid
// vector once its 2020 timestamp is outside the freshness window.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../server/ingest/webhooks/sendgrid.ts';
import { Db } from '../../server/store/db.ts';
import { fixture, tempDir } from './helpers.ts';
import { appFor, tableCount } from './sources-helpers.ts';

interface Vector {
  public_key: string; signature: string; timestamp: string; payload: string;
  invalid_public_key: string; bad_payload: string; bad_signature: string; bad_timestamp: string;
}
const V = JSON.parse(readFileSync(fixture('webhooks/sendgrid/signed-test-vector.json'), 'utf8')) as Vector;
// The vector's signing time: its timestamp header, 2020-05-06T18:06:07Z.
const SIGNED_AT = new Date(Number(V.timestamp) * 1000);

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let s: Services | null = null;
afterEach(() => s?.db.close());
let n = 0;

async function services(key: string, now: Date): Promise<Services> {
  const db = await Db.open(tmp.path(`vector-${++n}.duckdb`));
  s = { db, config: loadConfig({ REBOUND_DEMO: '0', SENDGRID_WEBHOOK_PUBLIC_KEY: key }), now: () => now, localToken: null };
  return s;
}

async function post(sv: Services, v: { payload?: string; signature?: string; timestamp?: string } = {}) {
  const res = await appFor(sv).request('/api/webhooks/sendgrid', {
    method: 'POST', body: v.payload ?? V.payload,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: v.signature ?? V.signature, [TIMESTAMP_HEADER]: v.timestamp ?? V.timestamp },
  });
  return { status: res.status, message: ((await res.json()) as { error?: { message?: string } }).error?.message ?? '' };
}

describe("SendGrid's signed test vector, through the webhook route", () => {
  it('verifies: the signature is accepted, and the payload (one object, not SendGrid\'s array of events) is then refused as malformed, storing nothing', async () => {
    const sv = await services(V.public_key, SIGNED_AT);
    const r = await post(sv);
    // A 401 would mean the signature failed; the 400 comes from reading the payload, after the check passed.
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/sendgrid webhook: a SendGrid payload is a JSON array of events; nothing stored/);
    expect(await tableCount(sv.db, 'events')).toBe(0);
    expect(await tableCount(sv.db, 'webhook_quarantine')).toBe(0);
  });

  it("refuses the vector's negative cases with 401: bad payload, bad signature, bad timestamp", async () => {
    const sv = await services(V.public_key, SIGNED_AT);
    for (const bad of [{ payload: V.bad_payload }, { signature: V.bad_signature }, { timestamp: V.bad_timestamp }]) {
      const r = await post(sv, bad);
      expect(r.status, JSON.stringify(bad)).toBe(401);
      expect(r.message).toMatch(/the signature does not match the body; nothing stored/);
    }
    expect(await tableCount(sv.db, 'events')).toBe(0);
  });

  it("refuses the vector under the vector's other key with 401", async () => {
    const sv = await services(V.invalid_public_key, SIGNED_AT);
    const r = await post(sv);
    expect(r.status).toBe(401);
    expect(r.message).toMatch(/the signature does not match the body/);
  });

  it('refuses the valid vector once its signed timestamp is older than the freshness window', async () => {
    const sv = await services(V.public_key, new Date(SIGNED_AT.getTime() + 16 * 60_000));
    const r = await post(sv);
    expect(r.status).toBe(401);
    expect(r.message).toMatch(new RegExp(`the signed timestamp \\(${TIMESTAMP_HEADER}\\)`));
  });
});
