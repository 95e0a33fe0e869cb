// Environment → configuration of the pulled and pushed sources (docs/sources.md). Each source's folder names its own
// variables and reads them (warehouse/bigquery, warehouse/files, postmaster, snds, esp/*; the ESP webhooks beside
// their receivers in ingest/webhooks); this file puts them together. Merged into config.ts's schema, so a bad value
// stops the start naming the variable.
import type { z } from 'zod';
import { webhooksConfig, WebhookConfigError, webhooksEnv, type WebhooksConfig } from '../ingest/webhooks/config.ts';
import type { Need } from './env.ts';
import { espConfigs, espEnv, type EspConfigs } from './esp/registry.ts';
import { postmasterConfig, postmasterEnv, type PostmasterConfig } from './postmaster/config.ts';
import { sndsConfig, sndsEnv, sndsIpStreams, type SndsConfig } from './snds/config.ts';
import { bigqueryConfig, bigqueryEnv, type BigQueryConfig } from './warehouse/bigquery/config.ts';
import { eventFilesConfig, eventFilesEnv, type EventFilesConfig } from './warehouse/files/config.ts';

export const sourcesEnv = {
  ...bigqueryEnv,
  ...eventFilesEnv,
  ...postmasterEnv,
  ...sndsEnv,
  // The ESP webhooks: ingest/webhooks/config.ts.
  ...webhooksEnv,
  // ESP metrics pulls (SendGrid, SparkPost, Postmark, Mailgun, SES): each ESP's folder names its variables.
  ...espEnv,
};

type SourcesEnv = z.infer<z.ZodObject<typeof sourcesEnv>>;

export interface SourcesConfig {
  bigquery: BigQueryConfig | null;
  /** Local event files aggregated by the DuckDB warehouse (EVENTS_FILES_GLOB): absolute glob patterns. */
  eventFiles: EventFilesConfig | null;
  postmaster: PostmasterConfig | null;
  snds: SndsConfig | null;
  /** The ESP metrics pulls; each null until its key is set. */
  esp: EspConfigs;
  sndsIpStreams: Record<string, string>;
  webhooks: WebhooksConfig;
}

export class SourceConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(message);
  }
}

/** The validated variables → the sources' configuration; a half-configured source names what is missing. */
export function sourcesConfig(c: SourcesEnv & { REBOUND_TOKENS?: readonly unknown[] }): SourcesConfig {
  const need: Need = (variable, ok, message) => {
    if (!ok) throw new SourceConfigError(variable, message);
  };
  return {
    bigquery: bigqueryConfig(c, need),
    eventFiles: eventFilesConfig(c),
    postmaster: postmasterConfig(c, need),
    snds: sndsConfig(c),
    sndsIpStreams: sndsIpStreams(c),
    esp: espConfigs(c, need),
    webhooks: webhooks(c),
  };
}

function webhooks(c: SourcesEnv & { REBOUND_TOKENS?: readonly unknown[] }): WebhooksConfig {
  try {
    return webhooksConfig(c, (c.REBOUND_TOKENS?.length ?? 0) > 0);
  } catch (err) {
    if (err instanceof WebhookConfigError) throw new SourceConfigError(err.variable, err.message);
    throw err;
  }
}
