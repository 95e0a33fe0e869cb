// Shared pieces of the source tests (docs/sources.md): an app on a temp store with source configuration, fixture
// reading, and the token-less webhook call.
import { readFileSync } from 'node:fs';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { afterAll, beforeAll } from 'vitest';
import { FakeReputationApis } from './fake-reputation-apis.ts';
import { fixture, tempDir } from './helpers.ts';

export const sourceFixture = (name: string): string => readFileSync(fixture(`sources/${name}`), 'utf8');

/** A fixed clock: 2026-03-03T12:00:00Z, a day after the fixtures' events. */
export const NOW = new Date('2026-03-03T12:00:00Z');

export async function servicesWith(env: Record<string, string>, name: string, tmp: ReturnType<typeof tempDir>): Promise<Services> {
  const db = await Db.open(tmp.path(`${name}.duckdb`));
  return { db, config: loadConfig({ REBOUND_DEMO: '0', ...env }), now: () => NOW, localToken: null };
}

export function appFor(s: Services) {
  return createApp(s);
}

export async function tableCount(db: Db, table: 'events' | 'sends' | 'reputation' | 'sns_subscriptions' | 'webhook_quarantine'): Promise<number> {
  const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}

/** The SNDS key and Postmaster access token the fakes accept. */
export const FAKE_SNDS_KEY = 'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
export const FAKE_POSTMASTER_TOKEN = 'ya29.local-test-access-token';
/** Retries without waiting, so the refusal tests stay quick. */
export const FAST_RETRY = { retries: 2, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };

/**
 * Registers the calling file's hooks: the Postmaster/SNDS fakes on a free port for the whole file, stopped (and
 * the temp dir removed) after it. Read `fake` and `base` inside tests and hooks.
 */
export function reputationFakes(tmp: ReturnType<typeof tempDir>): { readonly fake: FakeReputationApis; readonly base: string } {
  let fake: FakeReputationApis | undefined;
  let base = '';
  beforeAll(async () => {
    fake = new FakeReputationApis(FAKE_SNDS_KEY, FAKE_POSTMASTER_TOKEN);
    base = await fake.start();
  });
  afterAll(async () => {
    await fake?.stop();
    tmp.cleanup();
  });
  return {
    get fake() {
      if (!fake) throw new Error('the fakes start in beforeAll');
      return fake;
    },
    get base() {
      return base;
    },
  };
}
