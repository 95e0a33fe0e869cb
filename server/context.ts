// What every route and job is given, built once per process by server/main.ts or the CLI (docs/architecture.md).
import type { Config } from './config.ts';
import type { Db } from './store/db.ts';

export interface Services {
  db: Db;
  config: Config;
  /** The clock, passed in so tests and evaluations can freeze time. */
  now: () => Date;
  /** Admin credential written beside the store for the CLI on this machine; null when none. */
  localToken: string | null;
}
