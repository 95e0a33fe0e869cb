// Human-readable CLI output: counts, tables, progress. Machine-readable output is --json.
import type { StoreCheckReport } from '#shared/schema/integrity.ts';
import type { Incident } from '#shared/schema/incidents.ts';
import type { Recovery } from '../services/recovery.ts';
import { duration, metricValue } from '#shared/format.ts';
import { streamsText } from '#shared/kinds.ts';
import type { AlertNotification, AlertRule, AlertStateRow } from '#shared/schema/alerts.ts';
import type { IngestResultBody } from '#shared/schema/ingest.ts';
import type { IngestProgress } from '../ingest/ingest.ts';
import type { SuspectList } from '#shared/schema/suspects.ts';

const n = (x: number) => x.toLocaleString('en-US');

export function ingestSummary(r: IngestResultBody): string {
  const what = r.kind ? `${r.kind}, ${r.format}` : (r.format ?? 'unknown');
  const verdict = r.status === 'rejected' ? ' — nothing stored' : r.status === 'partial' ? ' — good records stored (--skip-bad)' : '';
  return `${r.source}: read ${n(r.read)}, stored ${n(r.stored)}, duplicate ${n(r.duplicate)}, rejected ${n(r.rejected)} (${what})${verdict}`;
}

export function rejectionLines(r: IngestResultBody): string[] {
  const lines = r.rejections.map((x) => `${r.source}:${x.line}: ${x.reason}`);
  if (r.rejections_not_listed > 0) lines.push(`${r.source}: … and ${n(r.rejections_not_listed)} more rejected records`);
  return lines;
}

/** A fixed-width table: the widest cell sets each column. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export function incidentTable(list: Incident[]): string {
  if (list.length === 0) return 'No incidents yet. Declare one with: rebound incident create --json incident.json';
  return table(
    ['ID', 'STATE', 'KIND', 'SEVERITY', 'OCCURRED (UTC)', 'STREAMS', 'TITLE'],
    list.map((i) => [i.id, i.resolved_at ? 'resolved' : 'open', i.kind, i.severity, day(i.occurred_at), streamsText(i.streams, ','), i.title + (i.demo ? ' [demo]' : '')]),
  );
}

/** A one-line progress bar on a terminal, redrawn in place; nothing when stderr is not a terminal. */
export function progressPrinter(label: string): ((p: IngestProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  const width = 30;
  return (p) => {
    const frac = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : null;
    const bar = frac === null ? '' : `[${'#'.repeat(Math.round(frac * width)).padEnd(width, '.')}] ${(frac * 100).toFixed(0).padStart(3)}% `;
    process.stderr.write(`\r${label} ${bar}${n(p.records)} records`);
  };
}

export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}


/** The recovery as a person scans it: one line per series, worst first. */
export function recoveryTable(r: Recovery): string {
  const rank: Record<string, number> = { degraded: 0, recovering: 1, recovered: 2, unaffected: 3, insufficient_data: 4 };
  const series = [...r.series].sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9));
  const head = `${r.incident.id} ${r.incident.title} — ${r.status.toUpperCase()} (occurred ${day(r.incident.occurred_at)} UTC, evaluated ${day(r.evaluated_at)} UTC)`;
  if (series.length === 0) return `${head}\nNo sends of the affected streams in the baseline or monitoring window yet.`;
  const rows = series.map((s) => {
    const latest = [...s.points].reverse().find((p) => p.denominator !== 0) ?? null;
    const dips = s.points.filter((p) => p.verdict !== 'ok').length;
    return [s.metric, s.stream, s.provider, s.status, metricValue(s.metric, s.baseline.rate), latest ? metricValue(s.metric, latest.value) : '—', String(dips), day(s.first_dip_at), day(s.recovered_at), duration(s.time_to_recover_hours, 'short')];
  });
  return `${head}\n${table(['METRIC', 'STREAM', 'PROVIDER', 'STATUS', 'BASELINE', 'LATEST', 'DIPS', 'FIRST DIP', 'RECOVERED', 'TIME TO RECOVER'], rows)}`;
}

export function rulesTable(rules: AlertRule[]): string {
  return table(
    ['ID', 'ON', 'NAME', 'METRIC', 'CONDITION', 'FOR', 'RECIPIENTS'],
    rules.map((r) => [r.id, r.enabled ? 'yes' : 'no', r.name, r.metric ?? 'any', r.condition === 'threshold' ? `≥ ${r.threshold}` : r.condition, `${r.consecutive} obs`, r.recipients?.join(',') ?? 'ALERT_TO']),
  );
}

export function alertsTable(firing: AlertStateRow[], notes: AlertNotification[]): string {
  const f = firing.length
    ? table(['RULE', 'INCIDENT', 'METRIC', 'STREAM', 'PROVIDER', 'SINCE'], firing.map((a) => [a.rule_id, a.incident_id, a.metric, a.stream, a.provider, day(a.since)]))
    : 'Nothing is firing.';
  const n = notes.length
    ? table(['WHEN', 'KIND', 'RULE', 'INCIDENT', 'METRIC', 'STREAM', 'PROVIDER', 'EMAIL'], notes.map((x) => [day(x.at), x.kind, x.rule_name, x.incident_id, x.metric, x.stream, x.provider, x.delivery]))
    : 'No notifications yet.';
  return `${f}\n\n${n}`;
}

/** `rebound check`: one line per finding, then the verdict. */
export function checkSummary(r: StoreCheckReport): string {
  const lines = r.findings.map((f) => `${f.repaired ? 'repaired' : 'found'}: ${f.message}`);
  if (r.findings.length === 0) lines.push('the store is whole: every run finished, every event has its run, every send row equals its events, alerts agree with the outbox');
  else if (!r.ok) lines.push('run `rebound check --repair` to put this right (docs/integrity.md)');
  return lines.join('\n');
}

/** Suspected incidents, open first: one line each with its sentence; what the watch last looked at below. */
export function suspectsTable(l: SuspectList): string {
  const run = l.last_run
    ? `Last watched ${day(l.last_run.evaluated_at)} UTC: ${n(l.last_run.watched)} series, ${n(l.last_run.tested)} observations since ${day(l.last_run.from)}.`
    : 'The watch has not run yet: it runs with every evaluation (rebound evaluate; the scheduler every 15 minutes).';
  if (l.suspects.length === 0) return `No suspected incidents: no dip that a declared incident does not explain.\n${run}`;
  const state = (s: SuspectList['suspects'][number]) => s.status === 'declared' ? `declared ${s.incident_id ?? ''}`.trim() : s.status === 'dismissed' ? `dismissed by ${s.dismissed?.by ?? '?'}` : 'open';
  return `${table(['ID', 'STATUS', 'FIRST SEEN (UTC)', 'SUMMARY'], l.suspects.map((s) => [s.id, state(s), day(s.first_seen_at), s.summary]))}\n${run}`;
}
