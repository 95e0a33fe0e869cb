import { expect } from 'vitest';

/** |actual − expected| ≤ tol·|expected| (absolute tol when expected is 0). */
export function expectRel(actual: number, expected: number, tol = 1e-9): void {
  const err = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  expect(err, `actual ${actual} vs expected ${expected} (relative error ${err})`).toBeLessThanOrEqual(tol);
}
