// Shared pieces of the source tests (issue 7): an app on a temp store with source configuration, fixture
// reading, and the token-less webhook call.
import { readFileSync } from 'node:fs';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
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

export async function tableCount(db: Db, table: 'events' | 'sends' | 'reputation' | 'sns_subscriptions'): Promise<number> {
  const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row?.n ?? 0;
}
