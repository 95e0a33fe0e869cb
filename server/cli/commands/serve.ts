// `rebound serve` and `rebound demo`: the server with its jobs and dashboard, and the demo data set.
import type { Command } from 'commander';
import { commandStore, dbOption, out, type CliParts, type DbOptions } from '../kit.ts';

/** `serve` and `demo`; `serve` runs the scheduled jobs `parts` loads. */
export function registerServe(cli: Command, parts: CliParts): void {
  cli.command('serve').description('server, scheduled jobs and dashboard in one process (what npm start runs)')
    .addOption(dbOption())
    .action(async (o: DbOptions) => {
      const [{ config, path }, { serve }, scheduler] = await Promise.all([commandStore(o), import('../../main.ts'), parts.scheduler()]);
      await serve({ ...config, dbPath: path }, scheduler);
    });

  cli.command('demo').description('fill an empty store with the labelled demo data set (serve does this by default)')
    .addOption(dbOption())
    .action(async (o: DbOptions) => {
      const [{ config, path }, { openServices }, { seedDemoIfEmpty }] = await Promise.all([commandStore(o), import('../store-or-server.ts'), import('../../demo/seed.ts')]);
      const services = await openServices(config, path);
      try {
        const seeded = await seedDemoIfEmpty(services);
        if (seeded) out(`demo data loaded into ${path}: ${seeded}`);
        else {
          process.stderr.write(`rebound: ${path} already holds data; the demo only goes into an empty store\n`);
          process.exitCode = 1;
        }
      } finally {
        services.db.close();
      }
    });
}
