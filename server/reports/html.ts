// The weekly report as one self-contained HTML document (inline CSS, inline SVG charts, no script): what the
// email body shows, what the dashboard downloads, and what pdf.ts prints. All text is escaped.
import { METRICS } from '#shared/metrics.ts';
import { PROVIDERS } from '#shared/providers.ts';
import { renderChart } from './chart.ts';
import { duration, STATUS_LABELS } from '#shared/format.ts';
import { escapeHtml as esc, formatChange, formatValue, providerLabel } from './format.ts';
import { byStatus, isAffected, type ReportIncident, type ReportModel, type ReportSeries } from './model.ts';
import { REPORT_CSS } from './style.ts';

// Charts per incident: the worst series first. More would make the PDF long without telling much more; the
// table above lists every affected series.
export const MAX_CHARTS = 6;

const badge = (status: ReportSeries['status']): string => `<span class="badge status-${status}">${esc(STATUS_LABELS[status])}</span>`;
const count = (n: number | null): string => (n === null ? '–' : n.toLocaleString('en-US'));
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function seriesRow(s: ReportSeries): string {
  const def = METRICS[s.metric];
  const band = s.baseline.lower !== null && s.baseline.upper !== null
    ? `<span class="sub">band ${esc(formatValue(s.metric, s.baseline.lower))}–${esc(formatValue(s.metric, s.baseline.upper))}</span>` : '';
  const counts = s.week.numerator !== null ? `<span class="sub">${count(s.week.numerator)} / ${count(s.week.denominator)}</span>` : '';
  const dips = s.dips === 0 ? '0' : `${s.dips}${s.severe > 0 ? `<span class="sub">${s.severe} severe</span>` : ''}`;
  const recovered = s.time_to_recover_hours !== null ? `after ${esc(duration(s.time_to_recover_hours))}` : '–';
  return `<tr><td>${esc(def.label)}<span class="sub">${esc(s.stream)} · ${esc(providerLabel(s.provider))}</span></td>`
    + `<td class="num">${esc(formatValue(s.metric, s.baseline.rate))}${band}</td>`
    + `<td class="num">${esc(formatValue(s.metric, s.week.value))}${counts}</td>`
    + `<td class="num">${esc(formatChange(s.change))}</td><td class="num">${dips}</td>`
    + `<td>${badge(s.status)}</td><td>${recovered}</td></tr>`;
}

function seriesTable(rows: ReportSeries[]): string {
  return `<table><thead><tr><th>Series</th><th class="num">Baseline</th><th class="num">This week</th><th class="num">Change</th>`
    + `<th class="num">Dips</th><th>Status</th><th>Time to recover</th></tr></thead><tbody>${rows.map(seriesRow).join('')}</tbody></table>`;
}

/** "Hard bounce rate: newsletter (all providers); promotions (Gmail, Yahoo)" — one line per metric. */
function grouped(list: ReportSeries[]): string {
  const byMetric = new Map<string, Map<string, string[]>>();
  for (const s of list) {
    const streams = byMetric.get(s.label) ?? new Map<string, string[]>();
    streams.set(s.stream, [...(streams.get(s.stream) ?? []), providerLabel(s.provider)]);
    byMetric.set(s.label, streams);
  }
  return [...byMetric].map(([label, streams]) => `<b>${esc(label)}</b>: ${[...streams].map(([stream, providers]) =>
    `${esc(stream)} (${providers.length === PROVIDERS.length ? 'all providers' : esc(providers.join(', '))})`).join('; ')}`).join('<br>');
}

function quietSeries(rows: ReportSeries[]): string {
  const calm = rows.filter((s) => s.status === 'unaffected');
  const unknown = rows.filter((s) => s.status === 'insufficient_data');
  const parts: string[] = [];
  if (calm.length) parts.push(`<p class="small muted">No dips in ${calm.length} other series:<br>${grouped(calm)}</p>`);
  if (unknown.length) parts.push(`<p class="small muted">Not enough baseline to judge (${unknown.length}):<br>${grouped(unknown)}</p>`);
  return parts.join('');
}

function checklist(i: ReportIncident, asOf: string): string {
  const items = i.checklist.map((c) => {
    const who = [c.owner, c.done_label].filter((x): x is string => x !== null).map(esc).join(', ');
    // An open item past its due time (a breach notification deadline) is what a reader must not miss.
    const overdue = !c.done_at && c.due_at !== null && Date.parse(c.due_at) < Date.parse(asOf) ? ' <strong>overdue</strong>' : '';
    return `<li class="${c.done_at ? 'done' : 'todo'}"><span class="mark">${c.done_at ? '✓' : '○'}</span>${esc(c.label)}${who ? ` <span class="muted small">(${who})</span>` : ''}${overdue}</li>`;
  });
  return `<h3>Response checklist: ${i.checklist_done} of ${i.checklist.length} done</h3><ol class="checklist">${items.join('')}</ol>`;
}

const LEGEND = `<p class="legend"><i class="line"></i>observed<i class="base"></i>baseline<i class="band"></i>baseline 95% band`
  + `<i class="dot dip"></i>dip<i class="dot severe"></i>severe<i class="week"></i>report week · hollow dots are provisional</p>`;

function charts(i: ReportIncident, m: ReportModel, affected: ReportSeries[]): string {
  if (affected.length === 0) return '';
  const dipsSince = (s: ReportSeries) => s.points.filter((p) => p.verdict !== 'ok').length;
  // The table's order is by status; among equals the chart slots go to the series that dipped most.
  const ranked = [...affected].sort((a, b) => byStatus(a, b) || dipsSince(b) - dipsSince(a));
  const shown = ranked.slice(0, MAX_CHARTS);
  const window = { from: i.occurred_at, to: m.as_of, weekStart: m.start, weekEnd: m.end, timeZone: m.time_zone };
  const figures = shown.map((s) => `<figure>${renderChart(s, window)}<figcaption><b>${esc(METRICS[s.metric].label)}</b> · `
    + `${esc(s.stream)} · ${esc(providerLabel(s.provider))} ${badge(s.status)}</figcaption></figure>`);
  const more = affected.length > shown.length ? `<p class="small muted">${affected.length - shown.length} more affected series in the table above.</p>` : '';
  return `<h3>Recovery since the incident</h3><div class="charts">${figures.join('')}</div>${LEGEND}${more}`;
}

function incidentSection(i: ReportIncident, m: ReportModel): string {
  const affected = i.series.filter(isAffected);
  const quiet = i.series.filter((s) => !isAffected(s));
  const times = [`occurred ${i.occurred_label}`];
  if (i.contained_label) times.push(`contained ${i.contained_label}`);
  times.push(i.resolved_label ? `resolved ${i.resolved_label}` : 'open');
  const table = affected.length > 0
    ? `<h3>Series that dipped: ${affected.length} of ${i.series.length}</h3>${seriesTable(affected)}`
    : `<h3>Series</h3><p>None of the ${i.series.length} series dipped.</p>`;
  return `<section class="incident" id="${esc(i.id)}">`
    + `<h2>${esc(i.title)} ${badge(i.status)}${i.demo ? ' <span class="badge demo">demo data</span>' : ''}</h2>`
    + `<p class="meta">${esc(i.id)} · ${esc(i.severity)} severity · ${esc(i.kind.replaceAll('_', ' '))} · ${esc(times.join(' · '))}</p>`
    + `<p class="headline">${esc(i.headline)}</p>`
    + checklist(i, m.as_of) + table + quietSeries(quiet) + charts(i, m, affected)
    + `</section>`;
}

function watchList(m: ReportModel): string {
  if (m.incidents.length === 0) return '';
  const items = m.watch.length > 0
    ? `<ul>${m.watch.map((w) => `<li>${badge(w.status)} ${esc(w.text)} <span class="muted small">(${esc(w.incident_id)})</span></li>`).join('')}</ul>`
    : '<p>Nothing: no series is degraded or recovering.</p>';
  return `<section class="watch"><h2>What to watch next week</h2>${items}</section>`;
}

function summary(m: ReportModel): string {
  if (m.incidents.length === 0) {
    return '<p class="headline">No incidents were open or resolved in the four weeks up to the end of this week. Nothing to report.</p>';
  }
  const counts = new Map<ReportSeries['status'], number>();
  for (const i of m.incidents) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  const badges = [...counts].map(([st, n]) => `<span class="badge status-${st}">${n} ${esc(STATUS_LABELS[st].toLowerCase())}</span>`);
  return `<p>${plural(m.incidents.length, 'incident')} open or resolved in the last four weeks.</p><div class="summary">${badges.join('')}</div>`;
}

export function renderHtml(m: ReportModel): string {
  const title = `Rebound weekly recovery report ${m.week}`;
  const asOf = m.complete ? '' : `<p class="muted small">The week is not over: figures as of ${esc(m.generated_label)}.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`
    + `<title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body><main>`
    + `<header><h1>Weekly recovery report · ${esc(m.week)}</h1><p class="muted">${esc(m.period_label)} · generated ${esc(m.generated_label)}</p>${asOf}${summary(m)}</header>`
    + watchList(m)
    + m.incidents.map((i) => incidentSection(i, m)).join('')
    + `<footer>Baseline: the series' sends in the incident's baseline window (pooled rate, with its 95% prediction band for a typical send). `
    + `This week: the week's observations pooled (Σ numerators / Σ denominators); counts shown below the rate. Change: relative to the baseline. `
    + `Dips: observations with a dip or severe verdict this week (Benjamini–Hochberg q ≤ 0.05 and at least the metric's minimum effect). `
    + `Times in ${esc(m.time_zone)}. Rebound.</footer>`
    + `</main></body></html>`;
}
