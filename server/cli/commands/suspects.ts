// `rebound suspects [list|declare|dismiss]` (docs/watch.md): dips no declared incident explains.
import type { Command } from 'commander';
import { dbOption, out, readJson, withBackend } from '../kit.ts';
import { suspectsTable } from '../print.ts';

/** `suspects …`. */
export function registerSuspects(cli: Command): void {
  const suspects = cli.command('suspects').description('suspected incidents: dips no declared incident explains (docs/watch.md)');
  suspects.command('list', { isDefault: true }).description('open suspects first, each with its summary (the default)')
    .addOption(dbOption())
    .option('--json', 'print exactly the JSON of GET /api/suspects')
    .action(async (o: { db?: string; json?: boolean }) => {
      const l = await withBackend(o, (b) => b.suspects());
      out(o.json ? l : suspectsTable(l));
    });
  suspects.command('declare').description('declare a suspect as an incident (occurred_at its first dip, its streams and providers)')
    .argument('<id>')
    .option('--json <file>', 'optional fields, e.g. {"title": "…", "kind": "infrastructure", "severity": "high", "owner": "ana"} (- for stdin)')
    .addOption(dbOption())
    .action(async (id: string, o: { json?: string; db?: string }) => {
      const input = o.json ? readJson(o.json) : {};
      out(await withBackend(o, (b) => b.declareSuspect(id, input)));
    });
  suspects.command('dismiss').description('dismiss a suspect, saying who and why')
    .argument('<id>')
    .requiredOption('--by <who>', 'who dismisses it (a name or address)')
    .requiredOption('--reason <why>', 'why, e.g. "planned IP warm-up"')
    .addOption(dbOption())
    .action(async (id: string, o: { by: string; reason: string; db?: string }) => {
      out(await withBackend(o, (b) => b.dismissSuspect(id, { by: o.by, reason: o.reason })));
    });
}
