// What every route and job is given: composed once in main.ts / cli.ts (docs/architecture.md: the two composition roots).
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
