// The pull jobs: one per configured source (BigQuery, local event files, Postmaster Tools, SNDS, ESP metrics),
// each on its own schedule. Each is a Source (server/sources/source.ts), run as the CLI and the API run it.
import type { Services } from '../server/context.ts';
import { sourcesOf } from '../server/services/sources.ts';
import type { Job } from './registry.ts';

export function pullJobs(s: Services): Job[] {
  // Named pull-<source>: pull-bigquery, pull-files, pull-postmaster, pull-snds, pull-sendgrid, …
  return sourcesOf(s).map((src) => ({ name: `pull-${src.name}`, schedule: src.schedule, run: () => src.pull(s) }));
}
