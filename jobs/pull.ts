// The pull jobs: one per configured source (BigQuery, local event files, Postmaster Tools, SNDS, ESP metrics),
// each on its own schedule.
import type { Services } from '../server/context.ts';
import { configuredPulls } from '../server/services/sources.ts';
import type { Job } from './registry.ts';

export function pullJobs(s: Services): Job[] {
  // One job per configured source (bigquery, files, postmaster, snds, and the ESP metrics pulls), named
  // pull-<source>, on its schedule.
  return configuredPulls(s).map((p) => ({ name: `pull-${p.name}`, schedule: p.schedule, run: () => p.run() }));
}
