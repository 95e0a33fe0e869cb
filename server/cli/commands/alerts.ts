// `rebound alerts list|rules|add-rule|delete-rule` (docs/alerts.md): what is firing, each email's delivery, and
// the rules.
import type { Command } from 'commander';
import { dbOption, out, readJson, withBackend } from '../kit.ts';
import { alertsTable, rulesTable } from '../print.ts';

/** `alerts …`. */
export function registerAlerts(cli: Command): void {
  const alerts = cli.command('alerts').description('alert rules and notifications (docs/alerts.md)');
  alerts.command('list').description('firing alerts and recent notifications with their delivery status')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const a = await withBackend(o, (b) => b.alerts());
      out(o.json ? a : alertsTable(a.firing, a.notifications));
    });
  alerts.command('rules').description('list alert rules')
    .addOption(dbOption())
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; json?: boolean }) => {
      const rules = await withBackend(o, (b) => b.listRules());
      out(o.json ? rules : rulesTable(rules));
    });
  alerts.command('add-rule').description('create an alert rule from a JSON file (- for stdin)')
    .requiredOption('--json <file>', 'e.g. {"name": "…", "metric": "complaint_rate", "condition": "threshold", "threshold": 0.002, "recipients": ["you@example.com"]}')
    .addOption(dbOption())
    .action(async (o: { json: string; db?: string }) => {
      const input = readJson(o.json);
      out(await withBackend(o, (b) => b.createRule(input)));
    });
  alerts.command('delete-rule').description('delete an alert rule').argument('<id>')
    .addOption(dbOption())
    .action(async (id: string, o: { db?: string }) => {
      await withBackend(o, (b) => b.deleteRule(id));
      out(`deleted ${id}`);
    });
}
