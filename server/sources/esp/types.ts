// The reader every ESP metrics pull implements (SendGrid, SparkPost, Postmark, Mailgun, SES; registry.ts makes
// each a Source): read the complete UTC days of a window from the ESP and give them back as daily send summaries per stream × provider,
// and seed-list placement where the ESP has it. Storing, the watermark, lateness and the run record are the
// shared runner's (pull.ts), so every ESP behaves the same; see docs/sources.md.
import type { Provider } from '#shared/providers.ts';
import type { SendRow } from '#shared/schema/inputs.ts';

export const ESP_NAMES = ['sendgrid', 'sparkpost', 'postmark', 'mailgun', 'ses'] as const;
export type EspName = (typeof ESP_NAMES)[number];

/** Complete UTC days, both ends included, as YYYY-MM-DD. */
export interface DayWindow { from: string; to: string }

/**
 * One stream's traffic to one provider on one UTC day, as the ESP counts it: a send row's counts, keyed by day.
 * `all_providers`: the ESP has no provider dimension (Postmark, SendGrid categories), so the row is the whole
 * stream-day, stored as provider `other` and standing for every provider of its send (docs/sources.md).
 */
export type PulledSend = Omit<SendRow, 'send_id' | 'sent_at'> & { day: string; all_providers?: true };

/** Seed-list placement of one stream at one provider, tested at one time: the seed-test row of the store. */
export interface PulledSeed {
  stream: string;
  provider: Provider;
  /** The send the test belongs to; `<stream>/<day>` when the ESP names none. */
  send_id: string;
  tested_at: string;
  seeds: number;
  inbox: number;
  spam: number;
  missing: number;
}

export interface EspRead {
  sends: PulledSend[];
  seeds: PulledSeed[];
  /** Provider names the ESP gave that Rebound does not know, and how many rows each had: stored as `other`. */
  unknownProviders: Record<string, number>;
}

/** Window settings every ESP pull shares (`<ESP>_BACKFILL_DAYS`, `<ESP>_LATENESS_DAYS`, `<ESP>_CRON`). */
export interface EspWindowConfig { backfillDays: number; latenessDays: number; cron: string }

export interface EspReader {
  readonly name: EspName;
  readonly window: EspWindowConfig;
  /** Reads every day of the window; throws (storing nothing) on any refusal or malformed answer. */
  read(window: DayWindow): Promise<EspRead>;
}

export const emptyRead = (): EspRead => ({ sends: [], seeds: [], unknownProviders: {} });
