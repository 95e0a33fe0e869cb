// A small static SVG line chart of one series' recovery: the observations since the incident, the baseline's
// 95% prediction band shaded, the baseline level dashed, dips marked, the report's week highlighted. Static
// markup, no script: it must render the same in a mail client, a browser and Chromium's PDF printer.
import { METRICS } from '#shared/metrics.ts';
import { escapeHtml, formatValue } from './format.ts';
import type { ReportSeries } from './model.ts';
import { wallClock } from '#shared/iso-week.ts';

export const CHART_WIDTH = 330;
export const CHART_HEIGHT = 150;
const PAD = { left: 46, right: 8, top: 8, bottom: 20 };
// Head room above and below the data so dots at the extremes are not clipped.
const Y_PADDING = 0.08;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export const CHART_COLORS = {
  band: '#d9ead3', baseline: '#6a8f5e', line: '#2f5d8a', ok: '#2f5d8a', dip: '#e08a00', severe: '#c62828', week: '#eef3fb', axis: '#9aa5b1', text: '#4a5561',
} as const;

export interface ChartWindow { from: string; to: string; weekStart: string; weekEnd: string; timeZone: string }

const num = (n: number): string => (Math.round(n * 10) / 10).toString();

function shortDate(iso: string, tz: string): string {
  const w = wallClock(new Date(iso), tz);
  return `${w.day} ${MONTHS[w.month - 1] ?? ''}`;
}

function yDomain(s: ReportSeries): [number, number] {
  const def = METRICS[s.metric];
  const values: number[] = [];
  for (const p of s.points) {
    values.push(p.value);
    if (p.lower !== null) values.push(p.lower);
    if (p.upper !== null) values.push(p.upper);
  }
  for (const v of [s.baseline.rate, s.baseline.lower, s.baseline.upper]) if (v !== null) values.push(v);
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  // A "higher is worse" rate reads best from zero: a dip's size is then visible as a share of the whole.
  if (def.worse === 'higher' && def.unit !== 'level') lo = 0;
  const span = hi - lo || Math.abs(hi) || 1;
  hi += span * Y_PADDING;
  if (lo !== 0) lo -= span * Y_PADDING;
  if (def.unit === 'fraction') {
    lo = Math.max(0, lo);
    hi = Math.min(1, hi);
  }
  return [lo, hi];
}

export function renderChart(s: ReportSeries, w: ChartWindow): string {
  const x0 = Date.parse(w.from);
  const x1 = Math.max(Date.parse(w.to), x0 + 1);
  const [y0, y1] = yDomain(s);
  const plotW = CHART_WIDTH - PAD.left - PAD.right;
  const plotH = CHART_HEIGHT - PAD.top - PAD.bottom;
  const x = (iso: string) => PAD.left + ((Math.min(Math.max(Date.parse(iso), x0), x1) - x0) / (x1 - x0)) * plotW;
  const y = (v: number) => PAD.top + (1 - (v - y0) / (y1 - y0 || 1)) * plotH;
  const parts: string[] = [];

  const weekX = x(w.weekStart);
  parts.push(`<rect x="${num(weekX)}" y="${PAD.top}" width="${num(Math.max(0, x(w.weekEnd) - weekX))}" height="${plotH}" fill="${CHART_COLORS.week}"/>`);

  const banded = s.points.filter((p) => p.lower !== null && p.upper !== null);
  if (banded.length >= 2) {
    const upper = banded.map((p) => `${num(x(p.at))},${num(y(p.upper ?? 0))}`);
    const lower = banded.map((p) => `${num(x(p.at))},${num(y(p.lower ?? 0))}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${CHART_COLORS.band}"/>`);
  } else if (s.baseline.lower !== null && s.baseline.upper !== null) {
    parts.push(`<rect x="${PAD.left}" y="${num(y(s.baseline.upper))}" width="${plotW}" height="${num(Math.max(0, y(s.baseline.lower) - y(s.baseline.upper)))}" fill="${CHART_COLORS.band}"/>`);
  }
  if (s.baseline.rate !== null) {
    const by = num(y(s.baseline.rate));
    parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${by}" y2="${by}" stroke="${CHART_COLORS.baseline}" stroke-width="1" stroke-dasharray="4 3"/>`);
  }

  // Axes and labels: the y range, the incident's date and the last date shown.
  const axisY = PAD.top + plotH;
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${axisY}" y2="${axisY}" stroke="${CHART_COLORS.axis}" stroke-width="1"/>`);
  parts.push(`<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${axisY}" stroke="${CHART_COLORS.axis}" stroke-width="1"/>`);
  const label = (tx: number, ty: number, anchor: string, text: string) =>
    `<text x="${num(tx)}" y="${num(ty)}" text-anchor="${anchor}" font-size="9" fill="${CHART_COLORS.text}">${escapeHtml(text)}</text>`;
  parts.push(label(PAD.left - 3, PAD.top + 7, 'end', formatValue(s.metric, y1)));
  parts.push(label(PAD.left - 3, axisY, 'end', formatValue(s.metric, y0)));
  parts.push(label(PAD.left, axisY + 12, 'start', shortDate(w.from, w.timeZone)));
  parts.push(label(PAD.left + plotW, axisY + 12, 'end', shortDate(w.to, w.timeZone)));

  if (s.points.length > 0) {
    const line = s.points.map((p) => `${num(x(p.at))},${num(y(p.value))}`).join(' ');
    parts.push(`<polyline points="${line}" fill="none" stroke="${CHART_COLORS.line}" stroke-width="1.4"/>`);
    for (const p of s.points) {
      const color = p.verdict === 'severe' ? CHART_COLORS.severe : p.verdict === 'dip' ? CHART_COLORS.dip : CHART_COLORS.ok;
      const r = p.verdict === 'ok' ? 1.8 : 3.2;
      // Provisional observations (counts still arriving) are drawn hollow.
      const fill = p.provisional ? '#fff' : color;
      parts.push(`<circle cx="${num(x(p.at))}" cy="${num(y(p.value))}" r="${r}" fill="${fill}" stroke="${color}" stroke-width="1"/>`);
    }
  } else {
    parts.push(label(PAD.left + plotW / 2, PAD.top + plotH / 2, 'middle', 'no observations yet'));
  }

  const title = `${s.label}, ${s.stream} at ${s.provider}: ${s.status}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" role="img" aria-label="${escapeHtml(title)}"><title>${escapeHtml(title)}</title>${parts.join('')}</svg>`;
}
