// Dashboard benchmark (docs/performance.md): the first page's JavaScript gzipped, and the incident page with 60 series in
// headless Chromium — from a click in the list to a complete first screen, best and median of several runs, each
// beside its goal. The renderer main thread's task and CPU time are printed too: on a shared machine the wall time
// includes waiting for a core.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { Incident } from '#shared/schema/incidents.ts';
import { launchBrowser, openPage } from '../harness/browser.ts';
import { startServer } from '../harness/server.ts';
import { buildDashboard, isStale } from '../harness/dashboard-build.ts';
import { OCCURRED, RENDER_BUDGET_MS, SERIES, serveSynthetic, STREAMS, timeFirstScreen, timeFirstScreenRuns, TITLE, type FirstScreenRun } from '../harness/sixty-series.ts';

const RUNS = 7;
// Another build of the dashboard (a dist/ directory, e.g. main's) to time beside this one, run for run, both served
// through page.route so neither has a cache the other lacks: `REBOUND_DASHBOARD_BASE=/path/to/dist npm run bench -- dashboard`.
const BASE_DIST = process.env['REBOUND_DASHBOARD_BASE'] ?? null;

/** Serves a dist/ directory for every path but the API's: the page, whatever the URL, and its assets. */
async function serveDist(page: Page, dist: string): Promise<void> {
  await page.route((u) => !u.pathname.startsWith('/api/'), (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = path.startsWith('/assets/') ? path : '/index.html';
    const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'text/html';
    return route.fulfill({ status: 200, contentType: type, body: readFileSync(join(dist, file)) });
  });
}
// The goal (docs/performance.md): the production build's JavaScript for the first page under 100 KB gzipped.
const FIRST_PAGE_BUDGET_KB = 100;

/** The scripts dist/index.html loads before anything else (entry and modulepreloads), each gzipped. */
function firstPageScripts(dist: string): { file: string; kb: number }[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  return files.map((file) => ({ file, kb: gzipSync(readFileSync(join(dist, file))).length / 1024 }));
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? NaN;
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

export async function benchDashboard(): Promise<string[]> {
  const root = new URL('../', import.meta.url).pathname;
  if (isStale()) buildDashboard();
  const scripts = firstPageScripts(join(root, 'dist'));
  const kb = scripts.reduce((sum, s) => sum + s.kb, 0);
  const loadBefore = load();
  const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  try {
    const incident = (await (await server.api('/api/incidents', { body: { title: TITLE, kind: 'other', severity: 'low', occurred_at: OCCURRED, streams: STREAMS } })).json()) as Incident;
    const { page } = await openPage(browser);
    await serveSynthetic(page, incident);
    const base = BASE_DIST === null ? null : (await openPage(browser)).page;
    if (base && BASE_DIST !== null) {
      await serveSynthetic(base, incident);
      await serveDist(base, BASE_DIST);
      await serveDist(page, join(root, 'dist'));
    }
    // The first navigation also compiles the bundle: a warm-up, not counted.
    await timeFirstScreen(page, server.url, 1);
    if (base) await timeFirstScreen(base, server.url, 1);
    const runs: FirstScreenRun[] = [];
    const baseRuns: FirstScreenRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (base) baseRuns.push(...(await timeFirstScreenRuns(base, server.url, 1)));
      runs.push(...(await timeFirstScreenRuns(page, server.url, 1)));
    }
    const wall = sorted(runs.map((r) => r.wallMs));
    const task = sorted(runs.map((r) => r.taskMs));
    const cpu = sorted(runs.map((r) => r.cpuMs));
    const best = wall[0] ?? NaN;
    const med = median(wall);
    const beside = base === null ? [] : [
      `| the same, ${BASE_DIST} served beside it, run for run | wall best ${Math.round(Math.min(...baseRuns.map((r) => r.wallMs)))} ms, median ${Math.round(median(baseRuns.map((r) => r.wallMs)))} ms; CPU median ${Math.round(median(baseRuns.map((r) => r.cpuMs)))} ms; this build ÷ that one: wall ${(med / median(baseRuns.map((r) => r.wallMs))).toFixed(2)}, CPU ${(median(cpu) / median(baseRuns.map((r) => r.cpuMs))).toFixed(2)} | |`,
    ];
    return [
      `### Dashboard`,
      '',
      '| goal | measured | |',
      '|---|---|---|',
      `| first page JavaScript < ${FIRST_PAGE_BUDGET_KB} KB gzipped | ${kb.toFixed(1)} KB (${scripts.map((s) => `${s.file.replace(/^assets\//, '')} ${s.kb.toFixed(1)}`).join(' + ')}) | ${verdict(kb < FIRST_PAGE_BUDGET_KB)} |`,
      `| incident page with ${SERIES} series interactive < ${RENDER_BUDGET_MS} ms (click to complete first screen) | best ${Math.round(best)} ms, median ${Math.round(med)} ms of ${RUNS} runs | ${verdict(med < RENDER_BUDGET_MS)} (median) |`,
      `| the same, renderer main thread: its tasks / its CPU | tasks best ${Math.round(task[0] ?? NaN)} ms, median ${Math.round(median(task))} ms; CPU best ${Math.round(cpu[0] ?? NaN)} ms, median ${Math.round(median(cpu))} ms | |`,
      ...beside,
      '',
      `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()}.`,
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
