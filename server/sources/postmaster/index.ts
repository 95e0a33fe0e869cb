// Google Postmaster Tools as a source: its settings (config.ts), its client and pull (pull.ts), and the compliance
// status parser (compliance.ts); the trafficStats records go through the reputation ingest's Postmaster format
// (server/ingest/reputation/postmaster-format.ts), which `rebound ingest` reads from a saved answer too.
import type { RetryOptions } from '../../http/retry.ts';
import type { Source } from '../source.ts';
import type { PostmasterConfig } from './config.ts';
import { pullPostmaster } from './pull.ts';

export function postmasterSource(c: PostmasterConfig, retry?: RetryOptions): Source {
  return { name: 'postmaster', schedule: c.cron, pull: (ctx) => pullPostmaster(ctx, c, retry) };
}
