// Deterministic, seeded synthetic deliverability data: daily send summaries (docs/data-formats.md) and optional seed tests
// (docs/data-formats.md) for several streams × providers, with send-to-send noise beyond binomial and injected incidents
// whose effect decays over a few sends and then ends at a known time. Returns the ground truth with the data.
// Used by the statistics tests, the benchmark and the demo data set. Isomorphic: no Node or DOM APIs.
import { PROVIDERS, type Provider } from './providers.ts';
import type { SeedTestRow, SendRow } from './schema/inputs.ts';

/** A send summary as docs/data-formats.md has it (the generator leaves out the optional opens and clicks). */
export type SendSummary = Omit<SendRow, 'opens' | 'clicks'>;
/** A seed-list placement test as docs/data-formats.md has it. */
export type SeedTest = SeedTestRow;

export type ScenarioMetric =
  | 'hard_bounce_rate'
  | 'soft_bounce_rate'
  | 'block_rate'
  | 'complaint_rate'
  | 'unsubscribe_rate'
  | 'inbox_placement_rate'
  | 'spam_placement_rate';

export interface StreamRates {
  hard: number;
  soft: number;
  block: number;
  complaint: number;
  unsubscribe: number;
  /** Seed tests: share of seeds that land in the inbox. */
  inbox: number;
}

export interface StreamSpec {
  stream: string;
  /** Recipients per daily send, all providers together. */
  size: number;
  /** UTC hour of the daily send. */
  hour: number;
  /** Coefficient of variation of each send's true rate: the send-to-send noise beyond binomial. */
  cv: number;
  rates: StreamRates;
}

export interface IncidentSpec {
  stream: string;
  /** Affected providers; all when omitted. */
  providers?: Provider[];
  metrics: ScenarioMetric[];
  /** Index of the first affected send among the sends at or after occurred_at (default 0). */
  startSend?: number;
  /**
   * Effect on the first affected send: the send's rate gains (peak − 1) × the stream's mean rate, so its
   * expected rate is peak × the mean (for inbox placement: applies to the share NOT in the inbox).
   */
  peak: number;
  /** Each later send keeps this fraction of the previous send's excess (peak − 1). */
  decay: number;
  /** Number of affected sends; the effect ends abruptly after the last one. */
  sends: number;
}

export interface ScenarioOptions {
  seed: number;
  /** First day of data (UTC midnight). */
  start?: string;
  baselineDays?: number;
  postDays?: number;
  streams?: StreamSpec[];
  incidents?: IncidentSpec[];
  providerShares?: Readonly<Record<Provider, number>>;
  /** Also produce a seed-list placement test per send × provider. */
  seedTests?: boolean;
  /** Seeds per placement test. */
  seedsPerTest?: number;
}

export interface EffectTruth {
  incident: number;
  metric: ScenarioMetric;
  stream: string;
  provider: Provider;
  send_id: string;
  at: string;
  multiplier: number;
}

export interface IncidentTruth {
  stream: string;
  providers: Provider[];
  metrics: ScenarioMetric[];
  first_affected_at: string;
  last_affected_at: string;
  /** sent_at of the first send after the effect: where a correct recovered_at lands. Null if past the data. */
  ended_at: string | null;
}

export interface Scenario {
  start: string;
  occurred_at: string;
  end: string;
  sends: SendSummary[];
  seedTests: SeedTest[];
  effects: EffectTruth[];
  incidents: IncidentTruth[];
}

export const DEFAULT_PROVIDER_SHARES: Readonly<Record<Provider, number>> = {
  gmail: 0.42,
  yahoo: 0.18,
  microsoft: 0.22,
  apple: 0.12,
  other: 0.06,
};

// Typical rates of a healthy program (bounce rates of a maintained list, complaint rates under Gmail's 0.1%
// target) and two deliberately noisy streams, so the tests see both calm and wobbly baselines.
export const DEFAULT_STREAMS: readonly StreamSpec[] = [
  { stream: 'newsletter', size: 400_000, hour: 9, cv: 0.12, rates: { hard: 0.002, soft: 0.008, block: 0.003, complaint: 0.0006, unsubscribe: 0.002, inbox: 0.9 } },
  { stream: 'promotions', size: 150_000, hour: 14, cv: 0.3, rates: { hard: 0.004, soft: 0.012, block: 0.006, complaint: 0.0007, unsubscribe: 0.004, inbox: 0.85 } },
  { stream: 'transactional', size: 60_000, hour: 6, cv: 0.08, rates: { hard: 0.001, soft: 0.004, block: 0.001, complaint: 0.0001, unsubscribe: 0.0003, inbox: 0.95 } },
  { stream: 'winback', size: 25_000, hour: 17, cv: 0.35, rates: { hard: 0.012, soft: 0.02, block: 0.01, complaint: 0.0008, unsubscribe: 0.006, inbox: 0.75 } },
];

// Providers differ: Microsoft blocks more, Apple (Mail Privacy Protection) reports fewer complaints.
const PROVIDER_FACTOR: Readonly<Record<Provider, { block: number; complaint: number }>> = {
  gmail: { block: 1, complaint: 1 },
  yahoo: { block: 1.2, complaint: 1.3 },
  microsoft: { block: 1.6, complaint: 0.9 },
  apple: { block: 0.7, complaint: 0.6 },
  other: { block: 1.3, complaint: 1 },
};
// Day-to-day variation of list size (log scale sd): ±10% is typical of a daily program.
const SIZE_LOG_SD = 0.1;
// No true rate above this: even a disastrous send does not bounce or complain at more than half its audience.
const MAX_RATE = 0.5;
const DAY_MS = 86_400_000;

/** mulberry32: a small, fast 32-bit PRNG (Tommy Ettinger, public domain); deterministic for a given seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Random {
  private readonly u: () => number;
  constructor(seed: number) {
    this.u = mulberry32(seed);
  }
  uniform(): number {
    // Never exactly 0, so logs stay finite.
    return this.u() || Number.MIN_VALUE;
  }
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.uniform())) * Math.cos(2 * Math.PI * this.uniform());
  }
  /** Gamma(shape, 1): Marsaglia & Tsang (2000); shape < 1 boosted via Gamma(a+1)·U^(1/a). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = this.uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }
  /** A Beta draw with the given mean and coefficient of variation. */
  betaMeanCv(mean: number, cv: number): number {
    if (cv <= 0) return mean;
    const kappa = Math.max(1e-3, (mean * (1 - mean)) / (cv * mean) ** 2 - 1);
    const a = this.gamma(mean * kappa);
    const b = this.gamma((1 - mean) * kappa);
    return a / (a + b);
  }
  /** Exact Binomial(n, p) by inversion, searching outward from the mode: O(√(np)) per draw. */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const mode = Math.floor((n + 1) * p);
    const logPm = lchoose(n, mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p);
    const pm = Math.exp(logPm);
    const odds = p / (1 - p);
    let u = this.uniform();
    if (u <= pm) return mode;
    u -= pm;
    let lo = mode;
    let hi = mode;
    let plo = pm;
    let phi = pm;
    while (lo > 0 || hi < n) {
      if (lo > 0) {
        plo *= lo / ((n - lo + 1) * odds);
        lo--;
        if (u <= plo) return lo;
        u -= plo;
      }
      if (hi < n) {
        phi *= ((n - hi) / (hi + 1)) * odds;
        hi++;
        if (u <= phi) return hi;
        u -= phi;
      }
      if (plo < 1e-300 && phi < 1e-300) break;
    }
    return mode; // u beyond the accumulated mass by rounding: return the mode
  }
}

function lchoose(n: number, k: number): number {
  return lfact(n) - lfact(k) - lfact(n - k);
}
// ln k! by Stirling's series (exact enough for the sampler's starting value; k ≥ 0).
function lfact(k: number): number {
  if (k < 2) return 0;
  if (k < 20) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

const ymd = (ms: number): string => new Date(ms).toISOString().slice(0, 10).replaceAll('-', '');

/** Key of one observation for looking up the ground truth. */
export function effectKey(metric: ScenarioMetric, stream: string, provider: string, sendId: string): string {
  return `${metric}|${stream}|${provider}|${sendId}`;
}

/** Set of effectKey()s of every observation that carries an injected effect. */
export function affectedKeys(s: Scenario): Set<string> {
  return new Set(s.effects.map((e) => effectKey(e.metric, e.stream, e.provider, e.send_id)));
}

export function generateScenario(opts: ScenarioOptions): Scenario {
  const rng = new Random(opts.seed);
  const startMs = Date.parse(opts.start ?? '2026-01-01T00:00:00Z');
  const baselineDays = opts.baselineDays ?? 28;
  const postDays = opts.postDays ?? 32;
  const occurredMs = startMs + baselineDays * DAY_MS;
  const streams = opts.streams ?? DEFAULT_STREAMS;
  const incidents = opts.incidents ?? [];
  const shares = opts.providerShares ?? DEFAULT_PROVIDER_SHARES;
  const seedsPerTest = opts.seedsPerTest ?? 100;
  const sends: SendSummary[] = [];
  const seedTests: SeedTest[] = [];
  const effects: EffectTruth[] = [];
  const truth: IncidentTruth[] = incidents.map((inc) => ({
    stream: inc.stream,
    providers: inc.providers ?? [...PROVIDERS],
    metrics: inc.metrics,
    first_affected_at: '',
    last_affected_at: '',
    ended_at: null,
  }));

  for (const st of streams) {
    let postIndex = 0;
    for (let day = 0; day < baselineDays + postDays; day++) {
      const atMs = startMs + day * DAY_MS + st.hour * 3_600_000;
      const at = new Date(atMs).toISOString();
      const sendId = `${st.stream}-${ymd(atMs)}`;
      const sendIndex = atMs >= occurredMs ? postIndex++ : -1;
      // Multiplier per (incident) for this send; recorded in the truth.
      const active: { i: number; inc: IncidentSpec; mult: number }[] = [];
      incidents.forEach((inc, i) => {
        if (inc.stream !== st.stream || sendIndex < 0) return;
        const j = sendIndex - (inc.startSend ?? 0);
        const t = truth[i];
        if (t === undefined) return;
        if (j >= 0 && j < inc.sends) {
          active.push({ i, inc, mult: 1 + (inc.peak - 1) * inc.decay ** j });
          if (j === 0) t.first_affected_at = at;
          t.last_affected_at = at;
        } else if (j === inc.sends) {
          t.ended_at = at;
        }
      });
      for (const provider of PROVIDERS) {
        const n = Math.max(0, Math.round(st.size * shares[provider] * Math.exp(SIZE_LOG_SD * rng.normal())));
        // Multiplier for a group of metrics driven by the same count (inbox and spam placement move together):
        // the effect applies when the incident names any of them, and is recorded for all of them.
        const mult = (...group: ScenarioMetric[]): number => {
          let m = 1;
          for (const a of active) {
            if (!group.some((g) => a.inc.metrics.includes(g)) || !(a.inc.providers ?? PROVIDERS).includes(provider)) continue;
            m *= a.mult;
            for (const metric of group) {
              effects.push({ incident: a.i, metric, stream: st.stream, provider, send_id: sendId, at, multiplier: a.mult });
            }
          }
          return m;
        };
        const f = PROVIDER_FACTOR[provider];
        // An incident adds (multiplier − 1) × the stream's mean rate on top of the send's own (noisy) rate: a
        // wrong-segment send brings its own complainers in addition to the usual ones.
        const draw = (mean: number, metric: ScenarioMetric): number =>
          Math.min(MAX_RATE, rng.betaMeanCv(mean, st.cv) + (mult(metric) - 1) * mean);
        const pHard = draw(st.rates.hard, 'hard_bounce_rate');
        const pSoft = draw(st.rates.soft, 'soft_bounce_rate');
        const pBlock = draw(st.rates.block * f.block, 'block_rate');
        const pComplaint = draw(st.rates.complaint * f.complaint, 'complaint_rate');
        const pUnsub = draw(st.rates.unsubscribe, 'unsubscribe_rate');
        // Sequential conditional binomials: a multinomial split whose marginals are Binomial(n, p_each).
        const hard = rng.binomial(n, pHard);
        const soft = rng.binomial(n - hard, pSoft / (1 - pHard));
        const block = rng.binomial(n - hard - soft, Math.min(1, pBlock / (1 - pHard - pSoft)));
        const delivered = n - hard - soft - block;
        sends.push({
          send_id: sendId,
          stream: st.stream,
          provider,
          sent_at: at,
          injected: n,
          delivered,
          bounced_hard: hard,
          bounced_soft: soft,
          bounced_block: block,
          complaints: rng.binomial(delivered, pComplaint),
          unsubscribes: rng.binomial(delivered, pUnsub),
        });
        if (opts.seedTests === true) {
          const m = mult('inbox_placement_rate', 'spam_placement_rate');
          const meanNotInbox = 1 - st.rates.inbox;
          const notInbox = Math.min(0.95, rng.betaMeanCv(meanNotInbox, st.cv) + (m - 1) * meanNotInbox);
          const notInboxCount = rng.binomial(seedsPerTest, notInbox);
          // Of the seeds not in the inbox, about 70% land in spam and the rest go missing.
          const spam = rng.binomial(notInboxCount, 0.7);
          seedTests.push({
            send_id: sendId,
            stream: st.stream,
            provider,
            tested_at: at,
            seeds: seedsPerTest,
            inbox: seedsPerTest - notInboxCount,
            spam,
            missing: notInboxCount - spam,
          });
        }
      }
    }
  }
  return {
    start: new Date(startMs).toISOString(),
    occurred_at: new Date(occurredMs).toISOString(),
    end: new Date(startMs + (baselineDays + postDays) * DAY_MS).toISOString(),
    sends,
    seedTests,
    effects,
    incidents: truth,
  };
}
