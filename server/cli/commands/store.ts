// `rebound pull [SOURCE]` (docs/sources.md) and `rebound check [--repair]` (docs/integrity.md): run the pulls now,
// and check the store's invariants.
import type { Command } from 'commander';
import { commandStore, dbOption, out, withBackend } from '../kit.ts';
import { checkSummary } from '../print.ts';

/** `pull [SOURCE]`. */
export function registerPull(cli: Command): void {
  cli.command('pull').description('run a pull job now: bigquery, files, postmaster, snds, sendgrid, sparkpost, postmark, mailgun or ses (all configured ones without SOURCE)')
    .argument('[source]')
    .addOption(dbOption())
    .action(async (source: string | undefined, o: { db?: string }) => {
      const [{ config, path }, { pullCommand }] = await Promise.all([commandStore(o), import('../pull.ts')]);
      for (const line of await pullCommand(config, path, source)) out(line);
    });
}

/** `check`. */
export function registerCheck(cli: Command): void {
  cli.command('check').description("check the store's invariants (runs, events, send roll-ups, alerts); exit 1 when something is wrong and not repaired")
    .addOption(dbOption())
    .option('--repair', 'put right what is found: take out what unfinished runs left, roll sends up again')
    .option('--json', 'print the report as JSON')
    .action(async (o: { db?: string; repair?: boolean; json?: boolean }) => {
      // The store as it is: webhook posts waiting in the journal are loaded by the next open of anything else,
      // after a repair of what would make their load fail (docs/integrity.md).
      const report = await withBackend(o, (b) => b.check(o.repair ?? false), { loadJournal: false });
      if (o.json) out(report);
      else out(checkSummary(report));
      if (!report.ok) process.exitCode = 1;
    });
}
