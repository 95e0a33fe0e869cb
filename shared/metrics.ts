// The metric catalog (docs/statistics.md): what each metric is, which way is worse, how big a change matters, the
// absolute limits the mailbox providers publish (each with its source), and how long its counts keep moving.
// Isomorphic: no Node or DOM APIs.

export const METRIC_IDS = [
  'hard_bounce_rate',
  'block_rate',
  'soft_bounce_rate',
  'complaint_rate',
  'unsubscribe_rate',
  'inbox_placement_rate',
  'spam_placement_rate',
  'gmail_spam_rate',
  'gmail_delivery_error_rate',
  'domain_reputation',
  'ip_reputation',
  'snds_filter_result',
  'snds_complaint_rate',
  'spam_trap_hits',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/**
 * `rate`: a fraction with counts (numerator / denominator per send), tested with a beta-binomial predictive test.
 * `ratio`: a value without counts (a provider's daily ratio or a daily count), tested with a t on its log scale.
 * `ordinal`: a level on an ordered scale (reputation, SNDS filter colour), encoded as a number, best highest.
 */
export type MetricKind = 'rate' | 'ratio' | 'ordinal';
export type WorseDirection = 'higher' | 'lower';
/** `fraction` values live in [0, 1]; `count` in [0, ∞); `level` is an index into `levels`. */
export type MetricUnit = 'fraction' | 'count' | 'level';

export const SEND_SUMMARY_COUNTS = [
  'injected',
  'delivered',
  'bounced_hard',
  'bounced_soft',
  'bounced_block',
  'complaints',
  'unsubscribes',
] as const;
export type SendSummaryCount = (typeof SEND_SUMMARY_COUNTS)[number];
export const SEED_TEST_COUNTS = ['seeds', 'inbox', 'spam', 'missing'] as const;
export type SeedTestCount = (typeof SEED_TEST_COUNTS)[number];

/** Where a rate's counts come from: columns of a send summary (docs/data-formats.md) or of a seed test (docs/data-formats.md). */
export type RateCounts =
  | { table: 'send_summary'; numerator: SendSummaryCount; denominator: SendSummaryCount }
  | { table: 'seed_test'; numerator: SeedTestCount; denominator: SeedTestCount };

export interface MetricDef {
  id: MetricId;
  label: string;
  kind: MetricKind;
  unit: MetricUnit;
  worse: WorseDirection;
  /** Relative change from the baseline that counts as a dip (docs/statistics.md: default 20%, configurable). */
  minEffect: number;
  /**
   * A value at or beyond this (inclusive, in the worse direction) is `severe` whatever the baseline says.
   * For ordinal metrics it is a level index (e.g. 0 = BAD). `null`: no published limit we can cite.
   */
  absoluteLimit: number | null;
  /** Hours after a send during which its numerator is still growing; younger observations are provisional. */
  maturityHours: number;
  /** Rates only: which columns form numerator and denominator. */
  counts: RateCounts | null;
  /** Ordinal only: level names from worst (index 0) to best. */
  levels: readonly string[] | null;
  /**
   * The least baseline level the relative-effect and "twice as bad" rules assume, so that a baseline at or near
   * zero needs real evidence (docs/statistics.md, "Zero baselines"). Rates with counts: `events` events on the
   * observation's own send (the level events/n); values without counts: `value` in the metric's unit. `null`
   * for worse-when-lower metrics, whose baseline cannot be at the bad end and still get worse.
   */
  levelFloor: LevelFloor | null;
  /** Values without counts: the smallest step that matters — the test's log offset and least spread. */
  resolution: number | null;
}

export type LevelFloor = { events: number } | { value: number };

// The default is 20% relative (docs/statistics.md): 0.10% → 0.12% complaints, 88% → 70% inbox.
export const DEFAULT_MIN_EFFECT = 0.2;

// Complaints (feedback-loop reports) and unsubscribes keep arriving for days after a send: most within the
// first day, a long tail over the next two. docs/statistics.md sets 72 h as the default maturity window.
export const DEFAULT_MATURITY_HOURS = 72;

// Bounces are the receiving server's SMTP reply during delivery (or an out-of-band DSN within minutes to a few
// hours, before a send summary is final), so a send's bounce counts do not grow afterwards: no maturity delay.
// Seed placement is read when the test runs; Postmaster and SNDS publish a day's value once, final.
const IMMEDIATE = 0;

// Gmail and Yahoo bulk sender requirements (Feb 2024): keep the user-reported spam rate below 0.10% and never
// reach 0.30% or above ("inclusive": 0.30% itself is over the limit). Google, "Email sender guidelines" and
// Yahoo Sender Hub "Sender Best Practices", both 2024. Applies to gmail_spam_rate (what Postmaster reports) and
// to complaint_rate, the same quantity measured from feedback-loop complaints.
export const SPAM_RATE_LIMIT = 0.003;
/** The target, not a limit: Gmail's "below 0.10%". Shown on charts, not used in verdicts. */
export const SPAM_RATE_TARGET = 0.001;

// Amazon SES Developer Guide, "Reputation metrics" (Bounce rate): an account whose bounce rate (hard bounces)
// reaches 5% is placed under review (10% may pause sending). The most widely cited published hard-bounce limit.
export const HARD_BOUNCE_RATE_LIMIT = 0.05;

// Zero baselines (docs/statistics.md): a rate with counts is never taken to be below one event on the send
// being judged, so a lone complaint on a stream that had none is not a relative change at all, and "twice as
// bad" needs at least two.
const ONE_EVENT_PER_SEND: LevelFloor = { events: 1 };
// Provider ratios without counts: the rate one event gives on 5,000 messages a day, Gmail's bulk-sender
// threshold (Google, "Email sender guidelines", 2024) — below that volume a daily ratio is a handful of
// events. 0.02% is also a fifth of Gmail's 0.10% spam-rate target. So 0 → 0.02% is no change, 0 → 0.04% can be.
const ONE_EVENT_IN_BULK_DAY: LevelFloor = { value: 1 / 5000 };
// Their resolution: half that, 0.01% (a tenth of the 0.10% target); smaller differences are immaterial.
const RATIO_RESOLUTION = 1e-4;
// Spam-trap hits per day: a stray hit or two on a well-kept list happens (recycled addresses, typos), so the
// level is never taken below two hits a day; the resolution is one hit.
const TRAP_HITS_FLOOR: LevelFloor = { value: 2 };
const TRAP_HITS_RESOLUTION = 1;

// Google Postmaster Tools (v1) domain/IP reputation: BAD = "a history of sending an enormous volume of spam;
// mail will almost always be rejected at SMTP or marked as spam". Reaching BAD is severe whatever the baseline.
const REPUTATION_LEVELS = ['BAD', 'LOW', 'MEDIUM', 'HIGH'] as const;
const REPUTATION_BAD = 0;
// Microsoft SNDS filter result: RED = "spam filter verdict for more than 90% of the messages". Severe.
const SNDS_LEVELS = ['RED', 'YELLOW', 'GREEN'] as const;
const SNDS_RED = 0;

function rate(
  id: MetricId,
  label: string,
  worse: WorseDirection,
  counts: RateCounts,
  absoluteLimit: number | null,
  maturityHours: number,
): MetricDef {
  const levelFloor = worse === 'higher' ? ONE_EVENT_PER_SEND : null;
  return { id, label, kind: 'rate', unit: 'fraction', worse, minEffect: DEFAULT_MIN_EFFECT, absoluteLimit, maturityHours, counts, levels: null, levelFloor, resolution: null };
}

function ratio(id: MetricId, label: string, unit: MetricUnit, absoluteLimit: number | null): MetricDef {
  const fraction = unit === 'fraction';
  return {
    id, label, kind: 'ratio', unit, worse: 'higher', minEffect: DEFAULT_MIN_EFFECT, absoluteLimit, maturityHours: IMMEDIATE, counts: null, levels: null,
    levelFloor: fraction ? ONE_EVENT_IN_BULK_DAY : TRAP_HITS_FLOOR,
    resolution: fraction ? RATIO_RESOLUTION : TRAP_HITS_RESOLUTION,
  };
}

function ordinal(id: MetricId, label: string, levels: readonly string[], absoluteLimit: number): MetricDef {
  // An ordinal dip is "one level below the typical level"; minEffect is not used for ordinals.
  return { id, label, kind: 'ordinal', unit: 'level', worse: 'lower', minEffect: DEFAULT_MIN_EFFECT, absoluteLimit, maturityHours: IMMEDIATE, counts: null, levels, levelFloor: null, resolution: null };
}

const send = (numerator: SendSummaryCount, denominator: SendSummaryCount): RateCounts => ({ table: 'send_summary', numerator, denominator });
const seed = (numerator: SeedTestCount, denominator: SeedTestCount): RateCounts => ({ table: 'seed_test', numerator, denominator });

export const METRICS: Readonly<Record<MetricId, MetricDef>> = {
  hard_bounce_rate: rate('hard_bounce_rate', 'Hard bounce rate', 'higher', send('bounced_hard', 'injected'), HARD_BOUNCE_RATE_LIMIT, IMMEDIATE),
  block_rate: rate('block_rate', 'Block rate', 'higher', send('bounced_block', 'injected'), null, IMMEDIATE),
  soft_bounce_rate: rate('soft_bounce_rate', 'Soft bounce rate', 'higher', send('bounced_soft', 'injected'), null, IMMEDIATE),
  complaint_rate: rate('complaint_rate', 'Complaint rate', 'higher', send('complaints', 'delivered'), SPAM_RATE_LIMIT, DEFAULT_MATURITY_HOURS),
  unsubscribe_rate: rate('unsubscribe_rate', 'Unsubscribe rate', 'higher', send('unsubscribes', 'delivered'), null, DEFAULT_MATURITY_HOURS),
  inbox_placement_rate: rate('inbox_placement_rate', 'Inbox placement rate', 'lower', seed('inbox', 'seeds'), null, IMMEDIATE),
  spam_placement_rate: rate('spam_placement_rate', 'Spam placement rate', 'higher', seed('spam', 'seeds'), null, IMMEDIATE),
  gmail_spam_rate: ratio('gmail_spam_rate', 'Gmail spam rate (Postmaster)', 'fraction', SPAM_RATE_LIMIT),
  gmail_delivery_error_rate: ratio('gmail_delivery_error_rate', 'Gmail delivery error rate (Postmaster)', 'fraction', null),
  domain_reputation: ordinal('domain_reputation', 'Domain reputation (Postmaster)', REPUTATION_LEVELS, REPUTATION_BAD),
  ip_reputation: ordinal('ip_reputation', 'IP reputation (Postmaster)', REPUTATION_LEVELS, REPUTATION_BAD),
  snds_filter_result: ordinal('snds_filter_result', 'SNDS filter result', SNDS_LEVELS, SNDS_RED),
  // SNDS publishes a complaint rate but Microsoft states no limit for it; trap hits have no published limit.
  snds_complaint_rate: ratio('snds_complaint_rate', 'SNDS complaint rate', 'fraction', null),
  spam_trap_hits: ratio('spam_trap_hits', 'Spam trap hits per day', 'count', null),
};

export function isMetricId(value: string): value is MetricId {
  return (METRIC_IDS as readonly string[]).includes(value);
}

export function getMetric(id: MetricId): MetricDef {
  return METRICS[id];
}

/** Level name → numeric value for an ordinal metric (worst = 0); null when the name is not a level of it. */
export function ordinalValue(id: MetricId, level: string): number | null {
  const levels = METRICS[id].levels;
  if (levels === null) return null;
  const i = levels.indexOf(level.trim().toUpperCase());
  return i < 0 ? null : i;
}

/** Numeric value → level name for an ordinal metric; null when out of range or not ordinal. */
export function ordinalLabel(id: MetricId, value: number): string | null {
  const levels = METRICS[id].levels;
  if (levels === null || !Number.isInteger(value)) return null;
  return levels[value] ?? null;
}
