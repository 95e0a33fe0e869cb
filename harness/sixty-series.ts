// The incident page with 60 series (the performance budget, docs/performance.md), shared by the e2e test that checks every point
// is drawn and by the benchmark that times it (bench/dashboard.ts): a synthetic 60-series recovery served in
// place of the API's, so the figure measures the dashboard, not the evaluation.
import type { Page } from 'playwright-core';
import type { MetricId } from '#shared/metrics.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Recovery, RecoveryPoint, RecoverySeries } from '#shared/schema/recovery.ts';

// The goal (docs/performance.md): the incident page with 60 series is interactive (its first screen complete) in
// under 500 ms in headless Chromium on this machine.
export const RENDER_BUDGET_MS = 500;
export const SERIES = 60;
export const POINTS_PER_SERIES = 30;
export const METRICS: MetricId[] = ['hard_bounce_rate', 'block_rate', 'soft_bounce_rate', 'complaint_rate'];
export const STREAMS = ['newsletter', 'promotions', 'transactional'];
const PROVIDERS = ['gmail', 'yahoo', 'microsoft', 'apple', 'other'];
export const OCCURRED = '2026-03-01T10:00:00.000Z';
const DAY_MS = 86_400_000;

function syntheticSeries(metric: MetricId, stream: string, provider: string, k: number): RecoverySeries {
  const base = 0.002 * (1 + (k % 5) / 5);
  const points: RecoveryPoint[] = Array.from({ length: POINTS_PER_SERIES }, (_, i) => {
    const value = base * (i < 4 ? 3 - i * 0.5 : 1 + 0.1 * Math.sin(i + k));
    const denominator = 50_000;
    return {
      send_id: `${stream}-${i}`, at: new Date(Date.parse(OCCURRED) + (i + 0.5) * DAY_MS).toISOString(),
      numerator: Math.round(value * denominator), denominator, value, lower: base * 0.7, upper: base * 1.3,
      p_value: i < 4 ? 0.0001 : 0.5, q_value: i < 4 ? 0.001 : 0.8, verdict: i < 2 ? 'severe' : i < 4 ? 'dip' : 'ok', provisional: i > 27,
    };
  });
  return {
    metric, stream, provider, status: 'recovered',
    baseline: { from: new Date(Date.parse(OCCURRED) - 28 * DAY_MS).toISOString(), to: OCCURRED, observations: 28, rate: base, lower: base * 0.7, upper: base * 1.3 },
    first_dip_at: points[0]?.at ?? null, recovered_at: points[4]?.at ?? null, time_to_recover_hours: 4.5 * 24, points,
  };
}


export const TITLE = 'Sixty series';

export function syntheticRecovery(incident: Incident): Recovery {
  const series: RecoverySeries[] = [];
  for (const metric of METRICS) for (const stream of STREAMS) for (const provider of PROVIDERS) series.push(syntheticSeries(metric, stream, provider, series.length));
  return { incident, status: 'recovered', evaluated_at: new Date(Date.parse(OCCURRED) + 31 * DAY_MS).toISOString(), series };
}

/** Serves the synthetic recovery for this incident in place of the API's. */
export async function serveSynthetic(page: Page, incident: Incident): Promise<void> {
  const body = JSON.stringify(syntheticRecovery(incident));
  await page.route(`**/api/incidents/${incident.id}/recovery`, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
}

// Done when the first screen is complete: the header, and every chart within the viewport drawn with its markers
// (charts further down mount as they are scrolled to; see LazyMount). A string, so the test runner's transpiler
// adds nothing to the function that the page would not know.
const MEASURE = `(async () => {
      const t0 = performance.now();
      [...document.querySelectorAll('a')].find((a) => a.textContent === '${TITLE}').click();
      const done = () => document.querySelector('.incident-header') && document.querySelector('figure.chart path[data-verdict]')
        && [...document.querySelectorAll('.chart-placeholder')].every((p) => p.getBoundingClientRect().top > window.innerHeight);
      await new Promise((resolve) => { const check = () => (done() ? resolve() : requestAnimationFrame(check)); check(); });
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return performance.now() - t0;
    })()`;

export interface FirstScreenRun {
  /** Wall time from the click to a complete first screen. */
  wallMs: number;
  /** The renderer's main thread over the same span, from CDP Performance.getMetrics: the time its tasks took
   * (TaskDuration, which still counts waiting for a core inside a task) and the CPU it used (ThreadTime, what the
   * figure is compared by on a shared machine). */
  taskMs: number;
  cpuMs: number;
}

/** Navigates to the list and waits for the incident's link, then times the click to a complete first screen. */
async function oneRun(page: Page, serverUrl: string): Promise<number> {
  await page.goto(`${serverUrl}/`);
  await page.getByRole('link', { name: TITLE }).waitFor();
  return Number(await page.evaluate(MEASURE));
}

/** From a click on the incident in the list to a complete first screen, once per run, with the main thread's times. */
export async function timeFirstScreenRuns(page: Page, serverUrl: string, runs: number): Promise<FirstScreenRun[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const seconds = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const of = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    return { task: of('TaskDuration'), cpu: of('ThreadTime') };
  };
  const out: FirstScreenRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await page.goto(`${serverUrl}/`);
      await page.getByRole('link', { name: TITLE }).waitFor();
      const before = await seconds();
      const wallMs = Number(await page.evaluate(MEASURE));
      const after = await seconds();
      out.push({ wallMs, taskMs: (after.task - before.task) * 1000, cpuMs: (after.cpu - before.cpu) * 1000 });
    }
  } finally {
    await cdp.detach();
  }
  return out;
}

/** Milliseconds from a click on the incident in the list to a complete first screen, once per run (no CDP session:
 * the e2e test uses it too, and the metrics cost time on a busy machine). */
export async function timeFirstScreen(page: Page, serverUrl: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await oneRun(page, serverUrl));
  return out;
}
