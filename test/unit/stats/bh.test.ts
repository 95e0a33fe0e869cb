import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '#shared/stats/bh.ts';
import { expectRel } from './helpers.ts';

describe('Benjamini–Hochberg', () => {
  // Benjamini & Hochberg (1995) example, the 15 p-values of scipy's false_discovery_control docstring;
  // expected values in docs/statistics.md, "Reference values" and re-made with
  // /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests; print(list(multipletests([0.0001,0.0004,0.0019,0.0095,0.0201,0.0278,0.0298,0.0344,0.0459,0.3240,0.4262,0.5719,0.6528,0.7590,1.000], method='fdr_bh')[1]))"
  it('matches statsmodels fdr_bh on the published 15-value example', () => {
    const p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.07650000000000001,
      0.48600000000000004, 0.5811818181818182, 0.7148749999999999, 0.7532307692307693, 0.8132142857142857, 1.0,
    ];
    const q = benjaminiHochberg(p);
    expected.forEach((e, i) => expectRel(q[i] as number, e, 1e-12));
  });

  // Unsorted input with ties:
  // /usr/bin/python3 -c "from statsmodels.stats.multitest import multipletests; print(list(multipletests([0.04,0.01,0.03,0.04,0.2,0.001,0.5,0.03], method='fdr_bh')[1]))"
  it('keeps input order and handles ties (statsmodels)', () => {
    const q = benjaminiHochberg([0.04, 0.01, 0.03, 0.04, 0.2, 0.001, 0.5, 0.03]);
    const expected = [0.05333333333333334, 0.04, 0.05333333333333334, 0.05333333333333334, 0.2285714285714286, 0.008, 0.5, 0.05333333333333334];
    expected.forEach((e, i) => expectRel(q[i] as number, e, 1e-12));
  });

  it('skips nulls: they stay null and do not count towards m', () => {
    const q = benjaminiHochberg([0.01, null, 0.04, null]);
    expect(q[1]).toBeNull();
    expect(q[3]).toBeNull();
    expectRel(q[0] as number, 0.02, 1e-15); // m = 2, not 4
    expectRel(q[2] as number, 0.04, 1e-15);
  });

  it('caps at 1, rejects bad p-values, and handles the empty case', () => {
    expect(benjaminiHochberg([0.9, 0.95])).toEqual([0.95, 0.95]);
    expect(benjaminiHochberg([])).toEqual([]);
    expect(() => benjaminiHochberg([0.5, 1.2])).toThrow(RangeError);
    expect(() => benjaminiHochberg([Number.NaN])).toThrow(RangeError);
  });
});
