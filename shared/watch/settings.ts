// What the watch (docs/watch.md) looks at and how strict it is: its defaults, one home for the server's
// configuration, the CLI and the docs. Isomorphic: no Node or DOM APIs.
import type { MetricId } from '../metrics.ts';

export interface WatchSettings {
  /** Trailing baseline of every series, in days before the watched window. */
  baselineDays: number;
  /** The watched window: observations of the last `windowHours` are tested on each run. */
  windowHours: number;
  /** Benjamini–Hochberg level over every observation watched in one run. */
  alpha: number;
  /** Dips whose first observations are at most this many hours apart can belong to one suspect. */
  groupHours: number;
  /** The least denominator (messages, seeds) an observation of a rate needs to be watched. */
  minVolume: Partial<Record<MetricId, number>>;
}

// Four weeks, an incident's default baseline (docs/data-formats.md): it covers weekly send cycles.
export const WATCH_BASELINE_DAYS = 28;
// Three days: a daily stream has three sends to show on the evidence chart, and the window is as long as the
// slowest maturity (complaints, 72 h), so a dip seen on a provisional send is still watched once it is mature.
export const WATCH_WINDOW_HOURS = 72;
// Stricter than an incident's 0.05: nobody declared anything, everything is watched on every run, and a false
// suspect costs a person's attention. Under no effect at all, a run raises a suspect with probability ≤ α.
export const WATCH_ALPHA = 0.01;
// Half a day: two streams that send once a day at different hours (06:00 and 14:00) and break together still group.
export const WATCH_GROUP_HOURS = 12;
// A send of under a thousand messages moves a bounce rate by 0.1 point with one bounce: such sends are left to
// incidents that name them. Seed tests are small by nature: fifty seeds give 2-point placement steps.
const MESSAGES = 1_000;
const SEEDS = 50;
export const WATCH_MIN_VOLUME: Readonly<Partial<Record<MetricId, number>>> = {
  hard_bounce_rate: MESSAGES,
  block_rate: MESSAGES,
  soft_bounce_rate: MESSAGES,
  complaint_rate: MESSAGES,
  unsubscribe_rate: MESSAGES,
  inbox_placement_rate: SEEDS,
  spam_placement_rate: SEEDS,
};

export const WATCH_DEFAULTS: WatchSettings = {
  baselineDays: WATCH_BASELINE_DAYS,
  windowHours: WATCH_WINDOW_HOURS,
  alpha: WATCH_ALPHA,
  groupHours: WATCH_GROUP_HOURS,
  minVolume: WATCH_MIN_VOLUME,
};
