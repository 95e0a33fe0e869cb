// The one place for the dashboard's labels and colours: mailbox providers, verdicts, statuses, bands and
// reference lines. Colours are from the Okabe–Ito palette (distinguishable with the common colour-vision
// deficiencies); every status and verdict also has a word and, on charts, a marker shape, so nothing is
// told by colour alone.
import { STATUS_LABELS } from '#shared/format.ts';
import type { RecoveryPoint, RecoverySeries } from '#shared/schema/recovery.ts';

type SeriesStatus = RecoverySeries['status'];
type Verdict = RecoveryPoint['verdict'];

export const PROVIDER_STYLE: Readonly<Record<string, { label: string; color: string }>> = {
  gmail: { label: 'Gmail', color: '#0072B2' },
  yahoo: { label: 'Yahoo', color: '#CC79A7' },
  microsoft: { label: 'Microsoft', color: '#009E73' },
  apple: { label: 'Apple', color: '#56595E' },
  other: { label: 'Other', color: '#E69F00' },
};

// For lines per stream: streams are user-defined, so colours are assigned in order from this list.
export const STREAM_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#56595E', '#8C564B'] as const;

export function providerLabel(provider: string): string {
  return PROVIDER_STYLE[provider]?.label ?? provider;
}

export function lineColor(kind: 'provider' | 'stream', key: string, index: number): string {
  if (kind === 'provider') return PROVIDER_STYLE[key]?.color ?? STREAM_COLORS[index % STREAM_COLORS.length] ?? '#000';
  return STREAM_COLORS[index % STREAM_COLORS.length] ?? '#000';
}

export type MarkerShape = 'circle' | 'triangle' | 'diamond';

export const VERDICT_STYLE: Readonly<Record<Verdict, { label: string; color: string; shape: MarkerShape; size: number }>> = {
  ok: { label: 'OK', color: '#3B3F45', shape: 'circle', size: 2.5 },
  dip: { label: 'Dip', color: '#D55E00', shape: 'triangle', size: 6 },
  severe: { label: 'Severe', color: '#A50F15', shape: 'diamond', size: 7 },
};

export const STATUS_STYLE: Readonly<Record<SeriesStatus, { label: string; color: string; background: string; rank: number }>> = {
  degraded: { label: STATUS_LABELS.degraded, color: '#A50F15', background: '#FDE8E6', rank: 4 },
  recovering: { label: STATUS_LABELS.recovering, color: '#8A4B00', background: '#FFF1D6', rank: 3 },
  recovered: { label: STATUS_LABELS.recovered, color: '#006B4E', background: '#E2F5EC', rank: 2 },
  unaffected: { label: STATUS_LABELS.unaffected, color: '#2B4C7E', background: '#E7EEF8', rank: 1 },
  insufficient_data: { label: STATUS_LABELS.insufficient_data, color: '#4A4F57', background: '#EDEEF0', rank: 0 },
};

export const CHART_STYLE = {
  band: { fill: '#9BB7D4', opacity: 0.35, label: 'Baseline 95% band' },
  baseline: { stroke: '#56595E', dash: '4 3', label: 'Baseline' },
  incident: { stroke: '#A50F15', dash: '6 3', label: 'Incident' },
  recovered: { stroke: '#006B4E', dash: '6 3', label: 'Recovered' },
  limit: { stroke: '#A50F15', dash: '2 2', label: 'Limit' },
  // The team's timeline (campaign paused, apology sent…): dotted, so it reads apart from the dashed incident lines.
  annotation: { stroke: '#5A3A8A', dash: '2 3', label: 'Annotation', maxChars: 24 },
  // The apology send (docs/incidents.md): near-black dash-dot line and a ring around its points, so it reads apart from the
  // incident's dashed lines and the team's dotted annotations by pattern and shape, not by hue alone. The ring's
  // radius clears the largest verdict marker (the severe diamond, 7).
  apology: { stroke: '#1A1A1A', dash: '8 3 2 3', label: 'Apology sent', ring: 10 },
  grid: '#E3E5E8',
  axis: '#56595E',
  height: 190,
  narrowHeight: 160,
} as const;
