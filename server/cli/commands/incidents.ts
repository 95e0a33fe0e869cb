// `rebound incident create|list|show|update`, `rebound evaluate` and `rebound recovery ID` (docs/incidents.md,
// docs/statistics.md): incidents, the recovery evaluation, and its answer.
import type { Command } from 'commander';
import { dbOption, out, readJson, withBackend } from '../kit.ts';
import { incidentTable, recoveryTable } from '../print.ts';

/** `incident …` and `evaluate`. */
export function registerIncidents(cli: Command): void {
  const incident = cli.command('incident').description('declare and manage incidents (docs/incidents.md)');
  incident.command('create').description('declare an incident from a JSON file (- for stdin); prints it with its id')
    .requiredOption('--json <file>', 'the incident as JSON')
    .addOption(dbOption())
    .action(async (o: { json: string; db?: string }) => {
      const input = readJson(o.json);
      out(await withBackend(o, (b) => b.createIncident(input)));
    });
  incident.command('list').description('open and recent incidents')
    .addOption(dbOption())
    .option('--open', 'only open incidents')
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; open?: boolean; json?: boolean }) => {
      const list = await withBackend(o, (b) => b.listIncidents(o.open ?? false));
      out(o.json ? list : incidentTable(list));
    });
  incident.command('show').description('one incident with its checklist, as JSON')
    .argument('<id>')
    .addOption(dbOption())
    .action(async (id: string, o: { db?: string }) => out(await withBackend(o, (b) => b.showIncident(id))));
  incident.command('update').description('update an incident from a JSON patch (- for stdin)')
    .argument('<id>')
    .requiredOption('--json <file>', 'the fields to change, e.g. {"resolved_at": "…"} or {"checklist": [{"step": "own_the_problem", "owner": "ana"}]}')
    .addOption(dbOption())
    .action(async (id: string, o: { json: string; db?: string }) => {
      const patch = readJson(o.json);
      out(await withBackend(o, (b) => b.updateIncident(id, patch)));
    });
  cli.command('evaluate').description('run the recovery evaluation now (otherwise the scheduler does)')
    .addOption(dbOption())
    .option('--incident <id>', 'only this incident')
    .option('--json', 'print JSON')
    .action(async (o: { db?: string; incident?: string; json?: boolean }) => {
      const r = await withBackend(o, (b) => b.evaluate(o.incident));
      if (o.json) out(r);
      else {
        out(r.evaluated.length ? r.evaluated.map((e) => `${e.id}: ${e.status}`).join('\n') : 'Nothing to evaluate: no open incidents and none in their monitoring window.');
        if (r.alerts.notifications) out(`alerts: ${r.alerts.notifications} change(s), ${r.alerts.emails} email(s) queued; delivered ${r.delivery.sent}, retrying ${r.delivery.retrying}, failed ${r.delivery.failed}`);
        if (r.watch) out(`watch: ${r.watch.watched} series, ${r.watch.tested} observations; ${r.watch.open.length} open suspect(s)${r.watch.raised.length ? `, new: ${r.watch.raised.join(', ')}` : ''}`);
        if (r.watchError) process.stderr.write(`watch failed: ${r.watchError}\n`);
        if (r.alerts.unaddressed) process.stderr.write(`${r.alerts.unaddressed} alert change(s) have no recipients: set ALERT_TO\n`);
        for (const f of r.failed) process.stderr.write(`${f.id}: evaluation failed: ${f.error}\n`);
      }
      if (r.failed.length || r.watchError) process.exitCode = 1;
    });
}

/** `recovery ID`. */
export function registerRecovery(cli: Command): void {
  cli.command('recovery').description('the recovery of one incident: a table, or the JSON of GET /api/incidents/:id/recovery')
    .argument('<id>')
    .addOption(dbOption())
    .option('--json', 'print exactly the API JSON')
    .action(async (id: string, o: { db?: string; json?: boolean }) => {
      const r = await withBackend(o, (b) => b.recovery(id));
      out(o.json ? r : recoveryTable(r));
    });
}
