// Shared setup of the in-process API tests (split by resource): a fresh DuckDB file per test, the app over it,
// and the shapes the tests read back.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Services } from '../../server/context.ts';
import { Db } from '../../server/store/db.ts';
import { fixture, tempDir, type Counts } from './helpers.ts';

export const NOW = new Date('2026-03-10T12:00:00Z');

/** Registers per-test store hooks in the calling test file; `current()` is the running test's store. */
export function perTestStore(prefix: string): { current: () => Db } {
  const tmp = tempDir();
  let db: Db | undefined;
  let n = 0;
  beforeEach(async () => {
    db = await Db.open(tmp.path(`${prefix}-${++n}.duckdb`));
  });
  afterEach(() => db?.close());
  afterAll(() => tmp.cleanup());
  return {
    current: () => {
      if (!db) throw new Error('no store outside a test');
      return db;
    },
  };
}

export function appOver(db: Db, env: Record<string, string> = {}) {
  const services: Services = { db, config: loadConfig(env), now: () => NOW, localToken: null };
  return createApp(services);
}

export interface ErrorBody { error: { code: string; message: string; details: unknown } }
export interface FieldIssue { field: string; message: string }
export interface IncidentBody {
  id: string; title: string; kind: string; severity: string; occurred_at: string; contained_at: string | null;
  resolved_at: string | null; streams: string[]; providers: string[] | null; baseline_days: number; monitor_days: number;
  notes: string | null; checklist: { step: string; label: string; kind_specific: boolean; owner: string | null; due_at: string | null; done_at: string | null }[];
}
export interface IngestBody { source: string; kind: string | null; format: string | null; status: string; read: number; stored: number; duplicate: number; rejected: number; rejections: { line: number; reason: string }[] }

export const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers },
});
export const INCIDENT = JSON.parse(readFileSync(fixture('incident.json'), 'utf8')) as Record<string, unknown>;

/** Every field named in a 400's details. */
export function fieldsOf(body: ErrorBody): string[] {
  const d = body.error.details;
  if (Array.isArray(d)) return (d as FieldIssue[]).map((x) => x.field);
  if (d && typeof d === 'object' && 'field' in d) return [String((d as { field: unknown }).field)];
  return [];
}

export const EMPTY: Counts = { events: 0, sends: 0, seed_tests: 0, incidents: 0 };
