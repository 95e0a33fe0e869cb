// The HTML report: escaping of everything users typed, the charts' marks, the empty report, the watch list.
import { describe, expect, it } from 'vitest';
import { CHART_COLORS, renderChart } from '../../../server/reports/chart.ts';
import { duration } from '#shared/format.ts';
import { formatChange, formatValue } from '../../../server/reports/format.ts';
import { MAX_CHARTS, renderHtml } from '../../../server/reports/html.ts';
import { incident, model, point, series } from './factory.ts';

const window = { from: '2026-03-02T08:00:00.000Z', to: '2026-03-08T22:59:59.999Z', weekStart: '2026-03-01T23:00:00.000Z', weekEnd: '2026-03-08T23:00:00.000Z', timeZone: 'Europe/Berlin' };

describe('HTML report', () => {
  it('escapes titles, streams and owners', () => {
    const evil = '<script>alert("x")</script>';
    const inc = incident({ title: evil, series: [series({ stream: `s${evil}` })] });
    inc.checklist[0] = { ...inc.checklist[0]!, owner: evil };
    const html = renderHtml(model({ incidents: [inc], watch: [{ incident_id: 'inc-1', incident_title: evil, metric: 'complaint_rate', stream: evil, provider: 'gmail', status: 'degraded', text: evil }] }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('says so when there are no incidents, and has neither table nor chart', () => {
    const html = renderHtml(model({ incidents: [] }));
    expect(html).toContain('No incidents were open or resolved in the four weeks up to the end of this week');
    expect(html).not.toContain('<table');
    expect(html).not.toContain('<svg');
  });

  it('is self-contained: inline style, no script, no external resource', () => {
    const html = renderHtml(model());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|src=|href="http/);
    expect(html).toContain('tr{break-inside:avoid');
  });

  it('shows the numbers of the series and the checklist state', () => {
    const html = renderHtml(model());
    for (const text of ['0.060%', '0.30%', '60 / 20,000', '+400%', 'Response checklist: 1 of 6 done', 'ana, Mon 2 Mar 2026']) expect(html).toContain(text);
  });

  it(`draws at most ${MAX_CHARTS} charts per incident, worst first`, () => {
    const many = Array.from({ length: MAX_CHARTS + 2 }, (_, i) => series({ provider: `p${i}`, status: i === 0 ? 'recovered' : 'degraded' }));
    const html = renderHtml(model({ incidents: [incident({ series: many })] }));
    expect(html.match(/<svg /g)).toHaveLength(MAX_CHARTS);
    expect(html).toContain('2 more affected series in the table above');
  });
});

describe('chart', () => {
  it('shades the band, dashes the baseline, marks dips and severe points, hollows provisional ones', () => {
    const svg = renderChart(series(), window);
    expect(svg).toContain(`<polygon points=`);
    expect(svg).toContain(`fill="${CHART_COLORS.band}"`);
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg).toMatch(new RegExp(`<circle [^>]*fill="${CHART_COLORS.severe}" stroke="${CHART_COLORS.severe}"`));
    expect(svg).toMatch(new RegExp(`<circle [^>]*fill="#fff" stroke="${CHART_COLORS.dip}"`));
    expect(svg).toContain('>2 Mar<');
  });

  it('falls back to the baseline band without per-point bands, and says when there is nothing yet', () => {
    const svg = renderChart(series({ points: [point('2026-03-02T09:00:00.000Z', 0.001, { lower: null, upper: null })] }), window);
    expect(svg).not.toContain('<polygon');
    expect(svg).toMatch(new RegExp(`<rect [^>]*fill="${CHART_COLORS.band}"`));
    expect(renderChart(series({ points: [] }), window)).toContain('no observations yet');
  });
});

describe('formatting', () => {
  it.each([[0.003, '0.30%'], [0.0006, '0.060%'], [0.9, '90.00%'], [0, '0.00%'], [null, '–']])('rate %s → %s', (v, s) => {
    expect(formatValue('complaint_rate', v)).toBe(s);
  });
  it('levels and counts', () => {
    expect(formatValue('domain_reputation', 3)).toBe('HIGH');
    expect(formatValue('spam_trap_hits', 12)).toBe('12');
  });
  it('changes and durations', () => {
    expect([formatChange(2.4), formatChange(-0.12), formatChange(0), formatChange(null)]).toEqual(['+240%', '−12%', '±0%', '–']);
    expect([duration(1), duration(30), duration(153), duration(96)]).toEqual(['1 hour', '30 hours', '6.4 days', '4 days']);
    expect([duration(1, 'short'), duration(47.6, 'short'), duration(153, 'short'), duration(null)]).toEqual(['1 h', '48 h', '6.4 d', '—']);
  });
});
