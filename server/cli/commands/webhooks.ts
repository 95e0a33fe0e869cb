// The `quarantine` and `webhooks` command groups (docs/webhooks.md). Only commander is loaded here: each action
// imports its store and config code when it runs, so `rebound --help` stays light.
import type { Command } from 'commander';
import { commandStore, dbOption, out, type DbOptions } from '../kit.ts';

/** `quarantine list|replay` and `webhooks replay`. */
export function registerWebhooks(cli: Command): void {
  const load = async (o: DbOptions) => {
    const [{ config, path }, commands] = await Promise.all([commandStore(o), import('../webhooks.ts')]);
    return { config, dbPath: path, ...commands };
  };
  const quarantine = cli.command('quarantine').description('webhook events Rebound could not use, kept as received');
  quarantine.command('list').description('counts by ESP and reason, and the newest events')
    .option('--esp <esp>', 'only this ESP').option('--limit <n>', 'events to list', '20').option('--json', 'the API answer, payloads included')
    .addOption(dbOption())
    .action(async (o: { esp?: string; limit: string; json?: boolean; db?: string }) => {
      const m = await load(o);
      const q = await m.quarantineList(m.config, m.dbPath, o.esp, Math.max(0, Math.min(1000, Number(o.limit) || 20)));
      out(o.json ? q : m.quarantineText(q));
    });
  quarantine.command('replay').description('read the quarantined events again with today\'s mapping and settings; usable ones are stored (idempotent)')
    .option('--esp <esp>', 'only this ESP').addOption(dbOption())
    .action(async (o: { esp?: string; db?: string }) => {
      const m = await load(o);
      const r = await m.quarantineReplayCommand(m.config, m.dbPath, o.esp);
      out(`replayed ${r.replayed}: stored ${r.stored}, duplicate ${r.duplicate}, ignored ${r.ignored}, still quarantined ${r.still_quarantined}`);
      for (const x of r.reasons.slice(0, 20)) out(`  #${x.id}: ${x.reason}`);
      if (r.still_quarantined > 0) process.exitCode = 1;
    });
  cli.command('webhooks').description('ESP webhooks').command('replay')
    .description('post a saved ESP payload (as the ESP sent it) through the webhook\'s reading and load, to check the mapping')
    .argument('<esp>', 'sendgrid, ses, mailgun, sparkpost or postmark').argument('<file>', 'the payload, JSON (- for standard input)')
    .addOption(dbOption())
    .action(async (esp: string, file: string, o: { db?: string }) => {
      const m = await load(o);
      const r = await m.webhooksReplayCommand(m.config, m.dbPath, esp, file);
      out(r);
      if (r.quarantined > 0) process.exitCode = 1;
    });
}
