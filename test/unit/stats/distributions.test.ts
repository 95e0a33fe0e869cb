// Reference values from Debian's python3-scipy 1.10.1 (run with /usr/bin/python3), mpmath 1.2.1 at 40 digits
// where scipy itself loses digits, and the published vectors of docs/statistics.md, "Reference values". Each block records
// the command that produced its numbers. Tolerance: relative 1e-9 unless stated.
import { describe, expect, it } from 'vitest';
import { cumulativeStdNormalProbability, probit } from 'simple-statistics';
import { betaBinomial, binomial } from '#shared/stats/discrete.ts';
import { betaBinomialTailAndBand } from '#shared/stats/tail-and-band.ts';
import { normCdf, normPpf, normSf, tCdf, tPpf, tSf } from '#shared/stats/distributions.ts';
import { betaInc, gammaQ, logGamma } from '#shared/stats/special.ts';
import { expectRel } from './helpers.ts';

describe('special functions', () => {
  // /usr/bin/python3 -c "import scipy.special as sp; [print(x, repr(sp.gammaln(x))) for x in [0.1,0.5,1,1.5,2.5,7.3,10,12.7,100,1e4,1e6]]"
  it.each([
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247],
    [1.5, -0.12078223763524526],
    [2.5, 0.2846828704729192],
    [7.3, 7.147892523022249],
    [10, 12.801827480081469],
    [12.7, 19.233043179570085],
    [100, 359.1342053695754],
    [1e4, 82099.71749644238],
    [1e6, 12815504.569147611],
  ])('logGamma(%f)', (x, expected) => expectRel(logGamma(x), expected, 1e-13));

  it('logGamma(1) and logGamma(2) are 0 to within 1e-14 (absolute)', () => {
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  // /usr/bin/python3 -c "import scipy.special as sp; print(repr(sp.betainc(0.5,0.5,0.3)), repr(sp.betainc(2,3,0.4)), ...)"
  it.each([
    [0.5, 0.5, 0.3, 0.3690101195655454],
    [2, 3, 0.4, 0.5247999999999999],
    [10, 20, 0.2, 0.049263517304212585],
    [13.5, 0.5, 0.9, 0.09467610100466281],
    [100, 300, 0.3, 0.9874001969717782],
    [0.2, 5, 0.01, 0.5846698531754058],
  ])('betaInc(a=%f, b=%f, x=%f)', (a, b, x, expected) => expectRel(betaInc(x, a, b), expected, 1e-12));

  // /usr/bin/python3 -c "import scipy.special as sp; [print(repr(sp.gammaincc(a,x))) for a,x in [(0.5,0.1),(0.5,2),(3,5),(10,3)]]"
  it.each([
    [0.5, 0.1, 0.6547208460185768],
    [0.5, 2, 0.04550026389635857],
    [3, 5, 0.12465201948308108],
    [10, 3, 0.9988975118698845],
  ])('gammaQ(%f, %f)', (a, x, expected) => expectRel(gammaQ(a, x), expected, 1e-12));
});

describe('standard normal', () => {
  // docs/statistics.md, "Reference values" (scipy): Φ(−3), Φ(−6), Φ⁻¹(.975).
  it('matches the published vectors', () => {
    expectRel(normCdf(-3), 0.0013498980316301, 1e-12);
    expectRel(normCdf(-6), 9.865876450377e-10, 1e-12);
    expectRel(normPpf(0.975), 1.959963984540054, 1e-14);
  });

  // /usr/bin/python3 -c "import scipy.stats as st; [print(x, repr(st.norm.cdf(x))) for x in [-37.5,-20,-10,-8,-6,-3,-1.234,-0.5,0,0.3,1.234,1.96,3,5]]"
  it.each([
    [-37.5, 4.605353009581954e-308],
    [-20, 2.7536241186061556e-89],
    [-10, 7.61985302416047e-24],
    [-8, 6.22096057427174e-16],
    [-6, 9.865876450376946e-10],
    [-3, 0.0013498980316300933],
    [-1.234, 0.10860145212152433],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1.234, 0.8913985478784756],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
    [5, 0.9999997133484281],
  ])('normCdf(%f)', (x, expected) => expectRel(normCdf(x), expected, 1e-12));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(x, repr(st.norm.sf(x))) for x in [3,6,10,20]]"
  it.each([
    [3, 0.0013498980316300933],
    [6, 9.865876450376946e-10],
    [10, 7.61985302416047e-24],
    [20, 2.7536241186061556e-89],
  ])('normSf(%f) keeps relative precision in the upper tail', (x, expected) => expectRel(normSf(x), expected, 1e-12));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(p), repr(st.norm.ppf(p))) for p in [1e-300,1e-100,1e-12,1e-6,0.001,0.02425,0.025,0.3,0.5,0.7,0.975,0.999,1-1e-10]]"
  it.each([
    [1e-300, -37.0470962993612],
    [1e-100, -21.273453560965322],
    [1e-12, -7.034483825301131],
    [1e-6, -4.753424308822899],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.7, 0.5244005127080407],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [1 - 1e-10, 6.361340889697422],
  ])('normPpf(%f)', (p, expected) => expectRel(normPpf(p), expected, 1e-13));

  it('normPpf edge cases', () => {
    expect(normPpf(0.5)).toBe(0);
    expect(normPpf(0)).toBe(-Infinity);
    expect(normPpf(1)).toBe(Infinity);
    expect(normPpf(1.5)).toBeNaN();
  });

  it('is what simple-statistics cannot do (docs/statistics.md, "Numerical methods" pitfalls, still true in 7.12.1)', () => {
    // Its CDF is a 4-decimal table capped at |z| = 3.09; its probit is off in the third decimal.
    expect(cumulativeStdNormalProbability(-6)).toBeGreaterThan(1e-4);
    expect(Math.abs(probit(0.975) - 1.959963984540054)).toBeGreaterThan(1e-3);
    expect(normCdf(-6)).toBeLessThan(1e-9);
  });
});

describe("Student's t", () => {
  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.t.cdf(x,df))) for x,df in [(-2,1),(-3,4),(1.5,4),(-4,27),(2.5,100),(-10,4)]]"
  it.each([
    [-2, 1, 0.1475836176504332],
    [-3, 4, 0.019970984035859413],
    [1.5, 4, 0.896],
    [-4, 27, 0.0002212845707270776],
    [2.5, 100, 0.9929771054379614],
    [-10, 4, 0.00028100181135799556],
  ])('tCdf(%f, df=%f)', (x, df, expected) => expectRel(tCdf(x, df), expected, 1e-12));

  it('tSf mirrors tCdf', () => expectRel(tSf(4, 27), 0.0002212845707270776, 1e-12));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.t.ppf(p,df))) for p,df in [(0.975,1),(0.975,4),(0.999,27),(0.025,10),(0.999,4),(1e-6,27)]]"
  it.each([
    [0.975, 1, 12.706204736432095],
    [0.975, 4, 2.7764451051977987],
    [0.999, 27, 3.421033621199291],
    [0.025, 10, -2.2281388519649385],
    [0.999, 4, 7.173182214917768],
    [1e-6, 27, -6.02134025556014],
  ])('tPpf(%f, df=%f)', (p, df, expected) => expectRel(tPpf(p, df), expected, 1e-9));
});

describe('binomial', () => {
  it('exact binomial examples of docs/statistics.md, "Reference values"', () => {
    // scipy binomtest docstring: 3 of 15, p = 0.1, greater → p = 0.18406106910639114.
    expectRel(binomial(15, 0.1).sfAtLeast(3), 0.18406106910639114, 1e-14);
    // R stats-Ex: 682 of 925, p = 0.75, two-sided p = 0.3825. Two-sided = sum of P(X=k) ≤ P(X=682) (R's
    // relErr 1 + 1e-7 rule), which is what we rebuild here from the pmf.
    const d = binomial(925, 0.75);
    const p682 = d.pmf(682);
    let two = 0;
    for (let k = 0; k <= 925; k++) if (d.pmf(k) <= p682 * (1 + 1e-7)) two += d.pmf(k);
    expect(two).toBeCloseTo(0.3825, 4);
  });

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.binom.sf(k-1,n,p))) for k,n,p in [(3,15,0.1),(682,925,0.75),(60,1000,0.01),(150,100000,0.001),(1,300000,1e-7),(10,20,0.5)]]"
  it.each([
    [3, 15, 0.1, 0.18406106910639106],
    [682, 925, 0.75, 0.8240891223524227],
    [60, 1000, 0.01, 1.843827984012186e-27],
    [150, 100000, 0.001, 1.860406210128325e-6],
    [1, 300000, 1e-7, 0.029554467907160216],
    [10, 20, 0.5, 0.5880985260009766],
  ])('P(X ≥ %i) for Binomial(%i, %f)', (k, n, p, expected) => expectRel(binomial(n, p).sfAtLeast(k), expected));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.binom.cdf(k,n,p))) for k,n,p in [(682,925,0.75),(60,100000,0.001),(2,15,0.1),(0,50,0.2)]]"
  it.each([
    [682, 925, 0.75, 0.1960092670538832],
    [60, 100000, 0.001, 1.0723097218650016e-5],
    [2, 15, 0.1, 0.8159389308936089],
    [0, 50, 0.2, 1.4272476927059582e-5],
  ])('P(X ≤ %i) for Binomial(%i, %f)', (k, n, p, expected) => expectRel(binomial(n, p).cdf(k), expected));

  it('degenerate p', () => {
    expect(binomial(10, 0).sfAtLeast(1)).toBe(0);
    expect(binomial(10, 1).cdf(9)).toBe(0);
    expect(() => binomial(10, 1.5)).toThrow(RangeError);
  });
});

describe('beta-binomial', () => {
  // Parameters as the evaluation produces them: (3000, 11.1, 15862) is an Apple complaint series (rate 0.07%,
  // CV 0.3, ~2 complaints per send); (200000, 30, 50000) a large Gmail send (rate 0.06%).

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.betabinom.sf(k-1,n,a,b))) for k,n,a,b in [(3,10,0.5,3),(9,10,0.5,3),(2,3000,11.1,15862.0),(120,200000,30.0,50000.0)]]"
  it.each([
    [3, 10, 0.5, 3, 0.22182692795157455],
    [9, 10, 0.5, 3, 0.005165086629617455],
    [2, 3000, 11.1, 15862, 0.5954478876903142],
    [120, 200000, 30, 50000, 0.4825510702697019],
  ])('P(X ≥ %i), n=%i α=%f β=%f (scipy)', (k, n, a, b, expected) => expectRel(betaBinomial(n, a, b).sfAtLeast(k), expected));

  // scipy 1.10's betabinom.sf is 1 − cdf and loses digits in the tail (it returns 0.0 for k = 30 below, and
  // 1.17814999e-05 where the truth is 1.17818455e-05), so the tail is checked against mpmath 1.2.1 at 40 digits
  // (every argument converted to mpf before any arithmetic; P(X ≥ k) = Σ_{k ≤ j ≤ k+4000} pmf(j)):
  // /usr/bin/python3 -c "import mpmath as mp; mp.mp.dps=40; M=mp.mpf; f=lambda k,n,a,b: mp.exp(mp.loggamma(n+1)-mp.loggamma(k+1)-mp.loggamma(n-k+1)+mp.loggamma(k+a)+mp.loggamma(n-k+b)-mp.loggamma(n+a+b)-mp.loggamma(a)-mp.loggamma(b)+mp.loggamma(a+b)); sf=lambda k,n,a,b: mp.fsum(f(M(j),M(n),M(a),M(b)) for j in range(k,min(n,k+4000)+1)); print(mp.nstr(sf(8,3000,11.1,15862.0),17))"
  // (and likewise for each row; the lower tail sums j from k down to 0). Cross-checked with scipy's pmf:
  // /usr/bin/python3 -c "import scipy.stats as st, numpy as np; print(st.betabinom.pmf(np.arange(k, n+1), n, a, b).sum())"
  // which agrees to ~1e-10 (0.0041021112204464305, 6.492104964999105e-10, 1.7662647588337464e-16, …).
  it.each([
    [8, 3000, 11.1, 15862, 0.0041021112204429954],
    [20, 3000, 11.1, 15862, 6.4921049651791144e-10],
    [30, 3000, 11.1, 15862, 1.7662647588959128e-16],
    [250, 200000, 30, 50000, 1.1781845505083581e-5],
    [420, 200000, 30, 50000, 4.9793218353883906e-16],
    [600, 200000, 30, 50000, 3.3909634794144934e-29],
    [1, 300000, 0.5, 5600000, 0.025755400210846399],
  ])('extreme tail P(X ≥ %i), n=%i α=%f β=%f (mpmath)', (k, n, a, b, expected) => expectRel(betaBinomial(n, a, b).sfAtLeast(k), expected));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(repr(st.betabinom.cdf(k,n,a,b))) for k,n,a,b in [(0,10,0.5,3),(3,10,0.5,3),(2,3000,11.1,15862.0),(60,200000,30.0,50000.0),(80,100,90.0,10.0)]]"
  it.each([
    [0, 10, 0.5, 3, 0.46531753345591004],
    [3, 10, 0.5, 3, 0.8574885607056828],
    [2, 3000, 11.1, 15862, 0.6530158132013261],
    [60, 200000, 30, 50000, 0.002085409587215798],
    [80, 100, 90, 10, 0.023125629377886307],
  ])('P(X ≤ %i), n=%i α=%f β=%f (scipy)', (k, n, a, b, expected) => expectRel(betaBinomial(n, a, b).cdf(k), expected));

  // mpmath (same one-liner, summing j = 20 down to 0): P(X ≤ 20) for (200000, 30, 50000) = 6.9845068341838684e-10.
  it('extreme lower tail (mpmath)', () => expectRel(betaBinomial(200000, 30, 50000).cdf(20), 6.9845068341838684e-10));

  // /usr/bin/python3 -c "import scipy.stats as st; [print(st.betabinom.ppf(q,n,a,b)) for q,n,a,b in [(0.025,10,0.5,3),(0.975,10,0.5,3),(0.025,3000,11.1,15862.0),(0.975,3000,11.1,15862.0),(0.025,200000,30.0,50000.0),(0.975,200000,30.0,50000.0),(0.5,100,90.0,10.0)]]"
  it.each([
    [0.025, 10, 0.5, 3, 0],
    [0.975, 10, 0.5, 3, 7],
    [0.025, 3000, 11.1, 15862, 0],
    [0.975, 3000, 11.1, 15862, 6],
    [0.025, 200000, 30, 50000, 76],
    [0.975, 200000, 30, 50000, 172],
    [0.5, 100, 90, 10, 90],
  ])('ppf(%f), n=%i α=%f β=%f', (q, n, a, b, expected) => expect(betaBinomial(n, a, b).ppf(q)).toBe(expected));

  it('the one-shot hot path gives the same numbers as the distribution object', () => {
    const d = betaBinomial(200000, 30, 50000);
    const r = betaBinomialTailAndBand(200000, 30, 50000, 250, true, 0.025, 0.975);
    expect(r.p).toBe(d.sfAtLeast(250));
    expect([r.lowerCount, r.upperCount]).toEqual([76, 172]);
    const low = betaBinomialTailAndBand(100, 90, 10, 80, false, 0.025, 0.975);
    expectRel(low.p, 0.023125629377886307);
  });

  it('a pmf that sums to one, and a beta-binomial wider than the binomial of the same mean', () => {
    const d = betaBinomial(50, 2, 8);
    let s = 0;
    for (let k = 0; k <= 50; k++) s += d.pmf(k);
    expectRel(s, 1, 1e-14);
    expect(betaBinomial(10000, 2, 998).sfAtLeast(40)).toBeGreaterThan(100 * binomial(10000, 0.002).sfAtLeast(40));
  });
});
