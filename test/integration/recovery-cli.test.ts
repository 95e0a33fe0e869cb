// docs/statistics.md, done-when: `rebound ingest` of a send-summary file, `rebound incident create`, `rebound evaluate` and
// `rebound recovery --json` (the real binary, child processes) give the recovery JSON (docs/data-formats.md) with correct verdicts,
// statuses and recovery times on a scenario with known truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario, type Scenario } from '#shared/scenario.ts';
import { incident as incidentSchema } from '#shared/schema/incidents.ts';
import { recoveryResponseSchema } from '#shared/schema/recovery.ts';
import { csv, runCli, SEND_COLUMNS, tempDir, write, type Rec } from './helpers.ts';

const DAY = 86_400_000;
// The CLI runs on the wall clock, so the scenario is placed in the recent past: 28 baseline days, then 20 days
// since the incident — every post-incident send but the last three is past its 72 h maturity window.
const POST_DAYS = 20;

function scenarioEndingToday(): Scenario {
  const today = Math.floor(Date.now() / DAY) * DAY;
  return generateScenario({
    seed: 11,
    start: new Date(today - (28 + POST_DAYS) * DAY).toISOString(),
    baselineDays: 28,
    postDays: POST_DAYS - 1,
    streams: [
      { stream: 'news.example.com', size: 200_000, hour: 7, cv: 0.1, rates: { hard: 0.002, soft: 0.008, block: 0.002, complaint: 0.0005, unsubscribe: 0.002, inbox: 0.9 } },
      { stream: 'txn.example.com', size: 50_000, hour: 5, cv: 0.08, rates: { hard: 0.001, soft: 0.004, block: 0.001, complaint: 0.0001, unsubscribe: 0.0003, inbox: 0.95 } },
    ],
    // Hard bounces on the newsletter at every provider: 10× on the first send, decaying over four sends.
    incidents: [{ stream: 'news.example.com', metrics: ['hard_bounce_rate'], peak: 10, decay: 0.5, sends: 4 }],
  });
}

describe('recovery through the CLI', () => {
  const tmp = tempDir('rebound-recovery-');
  const db = tmp.path('store.duckdb');
  const sc = scenarioEndingToday();
  let recovery: ReturnType<typeof parse>;
  const parse = (text: string) => recoveryResponseSchema(incidentSchema).parse(JSON.parse(text));

  beforeAll(async () => {
    const sends = write(tmp.path('sends.csv'), csv(SEND_COLUMNS, sc.sends as unknown as Rec[]));
    const ingest = await runCli(['ingest', sends, '--db', db]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain(`stored ${sc.sends.length.toLocaleString('en-US')}`);
    const incidentFile = write(tmp.path('incident.json'), JSON.stringify({
      title: 'Winter promo sent to a purchased list', kind: 'suppression_list_send', severity: 'critical',
      occurred_at: sc.occurred_at, streams: ['news.example.com', 'txn.example.com'],
    }));
    const created = await runCli(['incident', 'create', '--json', incidentFile, '--db', db]);
    expect(created.code, created.stderr).toBe(0);
    const id = (JSON.parse(created.stdout) as { id: string }).id;
    const evaluated = await runCli(['evaluate', '--db', db]);
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toContain(`${id}: `);
    const json = await runCli(['recovery', id, '--json', '--db', db]);
    expect(json.code, json.stderr).toBe(0);
    recovery = parse(json.stdout);
    const table = await runCli(['recovery', id, '--db', db]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/hard_bounce_rate\s+news\.example\.com\s+gmail\s+recovered/);
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('answers in the shape of the recovery JSON (docs/data-formats.md), times in UTC, rates as fractions', () => {
    expect(Object.keys(recovery)).toEqual(['incident', 'status', 'evaluated_at', 'series']);
    expect(recovery.evaluated_at).toMatch(/Z$/);
    for (const s of recovery.series) for (const p of s.points) if (p.denominator) expect(p.value).toBeCloseTo((p.numerator ?? 0) / p.denominator, 12);
  });

  it('flags the injected dips and recovers the newsletter where the effect ended', () => {
    const truth = sc.incidents[0];
    if (!truth?.ended_at) throw new Error('no truth');
    const hard = recovery.series.filter((s) => s.metric === 'hard_bounce_rate' && s.stream === 'news.example.com');
    expect(hard).toHaveLength(5);
    for (const s of hard) {
      expect(s.status).toBe('recovered');
      // The first affected send is a dip everywhere (10× the baseline on thousands of recipients).
      expect(s.first_dip_at).toBe(truth.first_affected_at);
      // Recovered at the first of three good sends after the last dip: where the effect ended, give or take a send.
      expect(Math.abs(Date.parse(s.recovered_at ?? '') - Date.parse(truth.ended_at))).toBeLessThanOrEqual(DAY);
      expect(s.time_to_recover_hours).toBeCloseTo((Date.parse(s.recovered_at ?? '') - Date.parse(sc.occurred_at)) / 3_600_000, 6);
    }
  });

  it('leaves the untouched stream unaffected and reports the incident as recovered', () => {
    const txn = recovery.series.filter((s) => s.stream === 'txn.example.com');
    expect(txn.length).toBeGreaterThan(0);
    const flagged = txn.flatMap((s) => s.points).filter((p) => p.verdict !== 'ok').length;
    const total = txn.flatMap((s) => s.points).length;
    // Under 0.5% of effect-free observations may be flagged (docs/statistics.md); on this seed, none of the series degrade.
    expect(flagged / total).toBeLessThan(0.02);
    expect(txn.filter((s) => s.status === 'degraded')).toEqual([]);
    expect(['recovered', 'recovering']).toContain(recovery.status);
  });
});
