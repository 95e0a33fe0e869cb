// Microsoft SNDS as a source: its settings (config.ts), its client and pull (pull.ts), and the IP status list's
// parser (ip-status.ts); the data export goes through the reputation ingest's SNDS format
// (server/ingest/reputation/snds-format.ts), which `rebound ingest` reads from a saved export too.
import type { RetryOptions } from '../../http/retry.ts';
import type { Source } from '../source.ts';
import type { SndsConfig } from './config.ts';
import { pullSnds } from './pull.ts';

export function sndsSource(c: SndsConfig, retry?: RetryOptions): Source {
  return { name: 'snds', schedule: c.cron, pull: (ctx) => pullSnds(ctx, c, retry) };
}
