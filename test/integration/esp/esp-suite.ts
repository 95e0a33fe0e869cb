// The checks every ESP pull must pass, registered for one ESP against its local endpoint: `rebound pull <esp>`
// backfills the documented days with exact counts, a second run stores nothing new, a fault mid-pull stores
// nothing, a 429's Retry-After is obeyed, a key without the scope is told which, a malformed answer is named by
// field, and an incident declared after the backfill evaluates against the pulled baseline.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../server/context.ts';
import type { EspName } from '../../../server/sources/esp/types.ts';
import { getSourceState } from '../../../server/store/sources.ts';
import { runCli, seedRows, sendRows, tempDir, type SeedRowOut, type SendRowOut } from '../helpers.ts';
import { espServices, evaluateIncident, pull, recordingRetry, sendCount } from './esp-helpers.ts';
import type { FakeEsp } from './fake-esp.ts';

export type SendRow = Omit<SendRowOut, 'sent_at'>;

export interface EspSuite {
  name: EspName;
  fake: FakeEsp;
  /** The ESP's variables, pointed at the fake (its address is known once it has started). */
  env: (base: string) => Record<string, string>;
  /** The backfilled days, oldest first. */
  days: string[];
  lateness: number;
  /** The send rows the store must hold after the backfill, ordered by send_id, provider. */
  expected: () => SendRow[];
  expectedSeeds?: () => SeedRowOut[];
  /** Turns the ESP's scope refusal on a path, or a malformed answer, on and off. */
  refuse: (path: RegExp | null) => void;
  malform: (on: boolean) => void;
  /** A path the pull reads after another, for the fault mid-pull. */
  laterPath: RegExp;
  scope: RegExp;
  /** The variables with a key the fake does not accept, and what the run must say. */
  badKey: (base: string) => Record<string, string>;
  invalidKey: RegExp;
  malformed: RegExp;
  incident: { stream: string; day: string; metric: string; provider: string; baseline: number; points: number };
  cliOutput?: RegExp;
}

export function espPullSuite(o: EspSuite): { services: () => Services } {
  const tmp = tempDir();
  let base = '';
  let n = 0;
  let s: Services;
  beforeAll(async () => {
    base = await o.fake.start();
  });
  afterAll(async () => {
    await o.fake.stop();
    tmp.cleanup();
  });
  beforeEach(async () => {
    o.fake.reset();
    o.refuse(null);
    o.malform(false);
    s = await espServices(o.env(base), tmp.path(`${o.name}-${++n}.duckdb`));
  });
  afterEach(() => s.db.close());
  const stored = async () => (await sendRows(s.db)).map(({ sent_at: _t, ...r }) => r);
  const seeds = async () => (await seedRows(s.db)).map((r) => ({ ...r, tested_at: new Date(r.tested_at).toISOString() }));
  const first = o.days[0] ?? '';
  const last = o.days[o.days.length - 1] ?? '';

  describe(`rebound pull ${o.name}`, () => {
    // A real CLI process backfilling 60 days (one to two hundred requests): seconds when quiet, more under load.
    it('backfills the days with exact counts, then a second run stores nothing new', async () => {
      s.db.close();
      const path = tmp.path(`${o.name}-cli.duckdb`);
      const r = await runCli(['pull', o.name, '--db', path], { env: { REBOUND_DEMO: '0', ...o.env(base) } });
      // stderr may carry a runtime notice (the AWS SDK warns of the Node versions it will support), never an error.
      expect(r.stderr).not.toMatch(/error|fail/i);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${o.name}: days ${first}..${last}`);
      if (o.cliOutput) expect(r.stdout).toMatch(o.cliOutput);
      s = await espServices(o.env(base), path);
      expect(await stored()).toEqual(o.expected());
      if (o.expectedSeeds) expect(await seeds()).toEqual(o.expectedSeeds());
      expect(await getSourceState(s.db, o.name)).toMatchObject({ runs: 1, failures: 0, watermark: expect.stringContaining(last) });

      o.fake.reset();
      const again = await pull(s, o.name, recordingRetry().retry);
      expect(again.stored).toBe(0);
      expect(again.window).toEqual({ from: o.days[o.days.length - 1 - o.lateness], to: last });
      expect(await stored()).toEqual(o.expected());
    }, 120_000);

    it('stores nothing when a request fails mid-pull, and the rerun stores everything', async () => {
      o.fake.faults.push({ status: 500, times: 10, path: o.laterPath, fromRequest: 1 });
      await expect(pull(s, o.name, recordingRetry().retry)).rejects.toThrow(/answered HTTP 500/);
      expect(o.fake.requests.length).toBeGreaterThan(3);
      expect(await sendCount(s)).toBe(0);
      expect(await seeds()).toEqual([]);
      expect(await getSourceState(s.db, o.name)).toMatchObject({ watermark: null, failures: 1 });
      o.fake.reset();
      await pull(s, o.name, recordingRetry().retry);
      expect(await stored()).toEqual(o.expected());
    });

    it('waits as a 429 asks (Retry-After), then carries on', async () => {
      const { retry, waits } = recordingRetry();
      o.fake.faults.push({ status: 429, times: 1, retryAfter: '7', fromRequest: 1 });
      await pull(s, o.name, retry);
      expect(waits).toEqual([7000]);
      expect(await stored()).toEqual(o.expected());
    });

    it('names what a refused key lacks, storing nothing', async () => {
      o.refuse(o.laterPath);
      await expect(pull(s, o.name, recordingRetry().retry)).rejects.toThrow(o.scope);
      expect(await sendCount(s)).toBe(0);
      s.db.close();
      s = await espServices(o.badKey(base), tmp.path(`${o.name}-badkey-${n}.duckdb`));
      await expect(pull(s, o.name, recordingRetry().retry)).rejects.toThrow(o.invalidKey);
      expect(await sendCount(s)).toBe(0);
    });

    it('fails a malformed answer naming the field, storing nothing', async () => {
      o.malform(true);
      await expect(pull(s, o.name, recordingRetry().retry)).rejects.toThrow(o.malformed);
      expect(await sendCount(s)).toBe(0);
      expect((await getSourceState(s.db, o.name))?.last_error).toMatch(o.malformed);
    });

    it('gives an incident declared after the backfill its baseline from the pulled days', async () => {
      await pull(s, o.name, recordingRetry().retry);
      const i = o.incident;
      const series = await evaluateIncident(s, i.stream, i.day, i.metric, i.provider);
      expect(series?.baseline.observations).toBe(i.baseline);
      expect(series?.points.length).toBe(i.points);
      expect(series?.points.every((p) => p.verdict !== 'ok')).toBe(true);
    });
  });
  return { services: () => s };
}
