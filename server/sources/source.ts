// The one interface every pulled source implements (docs/sources.md): the warehouse pulls (BigQuery, local event
// files), the reputation pulls (Postmaster Tools, SNDS) and the ESP metrics pulls. A source is built from its own
// configuration (its folder's config.ts); the scheduler (jobs/pull.ts), `rebound pull` and POST
// /api/sources/{name}/pull all run it the same way, through services/sources.ts. Each pull reads and checks
// everything before it stores anything, and records its run, watermark and error in the source's state.
import type { Db } from '../store/db.ts';

/** What a pull needs of the running program: the store and the clock (the services object has both). */
export interface PullContext {
  db: Db;
  now: () => Date;
}

export interface Source {
  /** The name the store records its state under, the API and `rebound pull <name>` use, and the job is named by. */
  readonly name: string;
  /** When the scheduler runs it: a cron expression (the source's `<NAME>_CRON`). */
  readonly schedule: string;
  /** Pulls now and stores what it read; answers a one-line summary for the log, the CLI and the API. */
  pull(ctx: PullContext): Promise<string>;
}
