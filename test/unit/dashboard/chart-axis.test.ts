// The recovery chart's value axis: a round maximum above the data, never past 100% for a fraction.
import { describe, expect, it } from 'vitest';
import { niceMax, yDomain } from '../../../dashboard/src/components/charts/axis.ts';
import type { ChartRow } from '../../../dashboard/src/components/charts/ChartTooltip.tsx';

const rows = (values: number[], band: [number, number] | null = null): ChartRow[] =>
  values.map((v, i) => ({ t: i, values: { gmail: v }, points: {}, band }));

describe('yDomain', () => {
  it('an inbox placement near 100% gets an axis to 100%, not the 200% that rounding up the headroom gave', () => {
    expect(yDomain('inbox_placement_rate', rows([0.88, 0.95, 0.97], [0.85, 0.99]), null)).toEqual([0, 1]);
    expect(yDomain('inbox_placement_rate', rows([1, 1]), null)).toEqual([0, 1]);
  });

  it('clamps every fraction metric, rates and ratios alike', () => {
    expect(yDomain('spam_placement_rate', rows([0.93]), null)[1]).toBe(1);
    expect(yDomain('gmail_spam_rate', rows([0.95]), 0.003)[1]).toBe(1);
  });

  it('keeps the round maximum for small rates, with room for the limit when it is near', () => {
    expect(yDomain('complaint_rate', rows([0.0012, 0.0018]), 0.003)).toEqual([0, 0.005]);
    expect(yDomain('hard_bounce_rate', rows([0.004]), null)).toEqual([0, 0.005]);
  });

  it('does not clamp a count (spam trap hits per day)', () => {
    expect(yDomain('spam_trap_hits', rows([95]), null)).toEqual([0, 200]);
  });

  it('ordinal metrics span their levels', () => {
    expect(yDomain('snds_filter_result', rows([2]), null)).toEqual([0, 2]);
  });
});

describe('niceMax', () => {
  it.each([[0.00203, 0.0025], [0.0045, 0.005], [0.7, 1], [1.045, 2], [0, 1]])('%f → %f', (x, want) => {
    expect(niceMax(x)).toBeCloseTo(want, 12);
  });
});
