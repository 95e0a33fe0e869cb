// Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995): q_(i) = min_{j ≥ i} p_(j)·m/j, capped at 1.
// Same definition as statsmodels `multipletests(method='fdr_bh')` and scipy `false_discovery_control`.
// Checked against both in test/unit/stats/bh.test.ts.

/**
 * BH-adjusted q-values, in the input order. `null` entries (observations that were not tested) stay `null`
 * and do not count towards m.
 */
export function benjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i];
    if (p === null || p === undefined) continue;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value ${p} at index ${i} is not in [0, 1]`);
    idx.push(i);
  }
  const m = idx.length;
  const out: (number | null)[] = pValues.map(() => null);
  if (m === 0) return out;
  // Sort ascending by p; ties keep input order (the adjusted values of ties are equal anyway).
  idx.sort((a, b) => (pValues[a] as number) - (pValues[b] as number) || a - b);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const i = idx[rank - 1] as number;
    const q = ((pValues[i] as number) * m) / rank;
    if (q < running) running = q;
    out[i] = running;
  }
  return out;
}
