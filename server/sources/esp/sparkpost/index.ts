// The SparkPost pull: per day and stream, GET /api/v1/metrics/deliverability/mailbox-provider with the day's
// bounds (from and to in SparkPost's YYYY-MM-DDTHH:MM, timezone UTC), filtered by the stream's campaign or
// sending domain. The Metrics API groups by one dimension at a time, so a day × stream is one request.
// Plain fetch: SparkPost's official Node library (`sparkpost`) is no longer maintained and has no Metrics API
// methods beyond a generic request.
import type { RetryOptions } from '../../../http/retry.ts';
import { getJson, type EspClient, type Query } from '../http.ts';
import { daysOf } from '../pull.ts';
import { ProviderMap } from '../providers.ts';
import type { DayWindow, EspRead, EspReader } from '../types.ts';
import type { SparkpostConfig } from './config.ts';
import { mailboxProviderDay, METRICS } from './parse.ts';

const PATH = '/api/v1/metrics/deliverability/mailbox-provider';
// SparkPost rounds `to` up to the end of its minute ("precision" in the Metrics API reference): 23:59 ends the day.
const dayBounds = (day: string) => ({ from: `${day}T00:00`, to: `${day}T23:59`, timezone: 'UTC' });

export function sparkpostReader(c: SparkpostConfig, retry?: RetryOptions): EspReader {
  const client: EspClient = {
    // SparkPost takes the API key itself as the Authorization header (API reference, Authentication).
    label: 'SparkPost', base: c.endpoint, headers: { authorization: c.apiKey }, retry,
    refusal: (status) => status === 401
      ? 'the API key is not valid (SPARKPOST_API_KEY)'
      : 'the API key lacks the "Metrics: Read-only" permission (SparkPost, Configuration → API Keys)',
  };
  const streams: { stream: string; filter: Query }[] = c.streams.length === 0
    ? [{ stream: c.stream, filter: {} }]
    : c.streams.map((x) => ({ stream: x, filter: c.streamBy === 'campaign' ? { campaigns: x } : { sending_domains: x } }));
  return {
    name: 'sparkpost',
    window: c,
    async read(w: DayWindow): Promise<EspRead> {
      const providers = new ProviderMap();
      const read: EspRead = { sends: [], seeds: [], unknownProviders: providers.unknown };
      for (const day of daysOf(w)) {
        for (const { stream, filter } of streams) {
          const body = await getJson(client, PATH, { ...dayBounds(day), metrics: METRICS.join(','), ...filter });
          const r = mailboxProviderDay(body, stream, day, providers);
          read.sends.push(...r.sends);
          read.seeds.push(...r.seeds);
        }
      }
      return read;
    },
  };
}
