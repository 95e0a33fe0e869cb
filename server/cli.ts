// The CLI composition root (SPEC 2): `rebound <command>`. Exit 0 on success, 1 on failure, 2 on bad usage;
// errors go to stderr as one sentence. The command tree loads only light modules; each command imports what it
// runs (DuckDB, the services, the PDF renderer) when it runs, so `rebound --help` starts in a fraction of the time.
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { ANNOTATION_KINDS, INPUT_KINDS } from '../shared/kinds.ts';
import { annotationsTable, apologyReport } from './apology/print.ts';
import { audienceText, exportAudienceFile, uploadListFile } from './cli/audience.ts';
import type { Backend } from './cli/backend.ts';
import { alertsTable, checkSummary, endProgress, incidentTable, ingestSummary, progressPrinter, recoveryTable, rejectionLines, rulesTable, suspectsTable } from './cli/print.ts';
import { webhookCommands } from './cli/webhook-commands.ts';
import { ApiError } from './errors.ts';
import { FORMATS } from './ingest/records.ts';
import { packageVersion } from './package.ts';
import { WeekError } from '../shared/iso-week.ts';

class UsageError extends Error {}

/** The store itself, or — while `rebound serve` holds it — that server's API. */
async function backend(opts: { db?: string }): Promise<Backend> {
  const [{ loadConfig }, { Db, StoreLockedError }, { LocalBackend, RemoteBackend }, { readServerFile }] = await Promise.all([
    import('./config.ts'), import('./store/db.ts'), import('./cli/backend.ts'), import('./cli/server-file.ts'),
  ]);
  const config = loadConfig();
  const path = opts.db ?? config.dbPath;
  try {
    return new LocalBackend(await Db.open(path, config.dbMemory), config);
  } catch (err) {
    if (!(err instanceof StoreLockedError)) throw err;
    const server = readServerFile(path);
    if (server) return new RemoteBackend(server);
    throw err;
  }
}

async function withBackend<T>(opts: { db?: string }, fn: (b: Backend) => Promise<T>): Promise<T> {
  const b = await backend(opts);
  try {
    return await fn(b);
  } finally {
    b.close();
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('bad_request', `${file} is not valid JSON`);
  }
}

const out = (x: unknown): void => {
  process.stdout.write(`${typeof x === 'string' ? x : JSON.stringify(x, null, 2)}\n`);
};

export function program(): Command {
  const dbOption = () => new Option('--db <path>', 'the DuckDB store (default: REBOUND_DB or ./data/rebound.duckdb)');
  const cli = new Command('rebound')
    .description('Deliverability post-incident monitor')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  cli.command('serve').description('server, scheduled jobs and dashboard in one process (what npm start runs)')
    .addOption(dbOption())
    .action(async (o: { db?: string }) => {
      const [{ loadConfig }, { serve }] = await Promise.all([import('./config.ts'), import('./main.ts')]);
      const config = loadConfig();
      await serve({ ...config, dbPath: o.db ?? config.dbPath });
    });

  cli.command('demo').description('fill an empty store with the labelled demo data set (serve does this by default)')
    .addOption(dbOption())
    .action(async (o: { db?: string }) => {
      const [{ loadConfig }, { Db }, { seedDemoIfEmpty }] = await Promise.all([import('./config.ts'), import('./store/db.ts'), import('./demo/seed.ts')]);
      const config = loadConfig();
      const path = o.db ?? config.dbPath;
      const db = await Db.open(path, config.dbMemory);
      try {
        const seeded = await seedDemoIfEmpty({ db, config, now: () => new Date(), localToken: null });
        if (seeded) out(`demo data loaded into ${path}: ${seeded}`);
        else {
          process.stderr.write(`rebound: ${path} already holds data; the demo only goes into an empty store\n`);
          process.exitCode = 1;
        }
      } finally {
        db.close();
      }
    });

  cli.command('ingest').description('load files of events, send summaries or seed tests (SPEC 3)')
    .argument('<files...>')
    .addOption(dbOption())
    .addOption(new Option('--kind <kind>', 'override kind detection').choices(INPUT_KINDS))
    .addOption(new Option('--format <format>', 'override format detection').choices(FORMATS))
    .option('--skip-bad', 'store the good records of a file that has bad ones')
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], o: { db?: string; kind?: (typeof INPUT_KINDS)[number]; format?: (typeof FORMATS)[number]; skipBad?: boolean; json?: boolean }) => {
      const { IngestError } = await import('./ingest/ingest.ts');
      let failed = false;
      const results = await withBackend(o, async (b) => {
        const all = [];
        for (const file of files) {
          try {
            const progress = progressPrinter(file);
            const r = await b.ingest(file, { ...(o.kind ? { kind: o.kind } : {}), ...(o.format ? { format: o.format } : {}), skipBad: o.skipBad ?? false, ...(progress ? { onProgress: progress } : {}) });
            endProgress();
            all.push(r);
            if (r.rejected > 0) failed = true;
            if (!o.json) {
              for (const line of rejectionLines(r)) process.stderr.write(`${line}\n`);
              out(ingestSummary(r));
            }
          } catch (err) {
            endProgress();
            if (!(err instanceof IngestError || err instanceof ApiError)) throw err;
            failed = true;
            process.stderr.write(`${err.message}\n`);
          }
        }
        return all;
      });
      if (o.json) out(results);
      if (failed) process.exitCode = 1;
    });

  const incident = cli.command('incident').description('declare and manage incidents (SPEC 4)');
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
  const alerts = cli.command('alerts').description('alert rules and notifications (issue 5)');
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
  cli.command('apology').description('apology drafts (issue 8)')
    .command('check').description('check a draft (.eml or JSON with from, reply_to, subject, text, html) against the playbook; exit 1 when it must not be sent')
    .argument('<id>', 'the incident')
    .requiredOption('--draft <file>', 'the draft: an .eml message or a .json file')
    .option('--personal-data-exposed', 'personal data or credentials were exposed (implied for a data_breach incident)')
    .option('--audience <file>', 'the apology\'s recipient list (one per line, or CSV with a recipient/email column): stored as the incident\'s apology list and checked against the affected audience')
    .option('--json', 'print exactly the API JSON')
    .addOption(dbOption())
    .action(async (id: string, o: { draft: string; personalDataExposed?: boolean; audience?: string; json?: boolean; db?: string }) => {
      const { readDraftFile } = await import('./apology/service.ts');
      const draft = await readDraftFile(o.draft);
      if (o.personalDataExposed) draft['personal_data_exposed'] = true;
      const r = await withBackend(o, async (b) => {
        if (o.audience) process.stderr.write(`${await uploadListFile(b, id, 'apology', o.audience)}\n`);
        return b.checkApology(id, draft);
      });
      out(o.json ? r : apologyReport(r));
      if (r.verdict === 'block') process.exitCode = 1;
    });
  cli.command('audience').description('whom the incident reached (recipients of its sends − bounces − suppression list), and the lists to check an apology against')
    .argument('<id>', 'the incident')
    .option('--suppression-list <file>', 'replace the incident\'s suppression list (one recipient per line, or CSV with a recipient/email column)')
    .option('--apology-list <file>', 'replace the list the apology will go to; checked against the affected audience')
    .option('--export <file>', 'write the affected audience as CSV (- for stdout): the list to send the apology to')
    .option('--json', 'print exactly the API JSON')
    .addOption(dbOption())
    .action(async (id: string, o: { suppressionList?: string; apologyList?: string; export?: string; json?: boolean; db?: string }) => {
      await withBackend(o, async (b) => {
        if (o.suppressionList) process.stderr.write(`${await uploadListFile(b, id, 'suppression', o.suppressionList)}\n`);
        if (o.apologyList) process.stderr.write(`${await uploadListFile(b, id, 'apology', o.apologyList)}\n`);
        if (o.export) {
          await exportAudienceFile(b, id, o.export);
          if (o.export === '-') return;
          process.stderr.write(`wrote the affected audience to ${o.export}\n`);
        }
        const a = await b.audience(id);
        out(o.json ? a : audienceText(a));
      });
    });
  cli.command('annotate').description('mark a moment on the incident\'s timeline (drawn on its recovery charts)')
    .argument('<id>', 'the incident')
    .addOption(new Option('--kind <kind>', 'what happened').choices(ANNOTATION_KINDS).makeOptionMandatory())
    .requiredOption('--label <text>', 'a short label, e.g. "Paused the spring promo in the ESP"')
    .option('--at <time>', 'when, RFC 3339 (default: now)')
    .addOption(dbOption())
    .action(async (id: string, o: { kind: string; label: string; at?: string; db?: string }) => {
      const input = { kind: o.kind, label: o.label, at: o.at ?? new Date().toISOString() };
      out(await withBackend(o, (b) => b.addAnnotation(id, input)));
    });
  cli.command('annotations').description('the timeline annotations of an incident')
    .argument('<id>', 'the incident')
    .option('--json', 'print exactly the API JSON')
    .addOption(dbOption())
    .action(async (id: string, o: { json?: boolean; db?: string }) => {
      const list = await withBackend(o, (b) => b.listAnnotations(id));
      out(o.json ? { annotations: list } : annotationsTable(id, list));
    });
  cli.command('recovery').description('the recovery of one incident: a table, or the JSON of GET /api/incidents/:id/recovery')
    .argument('<id>')
    .addOption(dbOption())
    .option('--json', 'print exactly the API JSON')
    .action(async (id: string, o: { db?: string; json?: boolean }) => {
      const r = await withBackend(o, (b) => b.recovery(id));
      out(o.json ? r : recoveryTable(r));
    });
  cli.command('report').description('the weekly recovery report of an ISO week (default: the last complete week in TZ_REPORTS)')
    .option('--week <YYYY-Www>', 'ISO 8601 week, e.g. 2026-W09')
    .addOption(new Option('--format <format>', 'html, csv, pdf, or json (the report model)').choices(['html', 'csv', 'pdf', 'json']).default('html'))
    .addOption(new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'))
    .option('--out <file>', 'write here, - for stdout (default: stdout; a PDF goes to rebound-report-WEEK.pdf)')
    .option('--refresh', 'rebuild a stored report from the current data')
    .addOption(dbOption())
    .action(async (o: { week?: string; format: 'html' | 'csv' | 'pdf' | 'json'; paper: 'a4' | 'letter'; out?: string; refresh?: boolean; db?: string }) => {
      const [{ loadConfig }, { runReportCommand }] = await Promise.all([import('./config.ts'), import('./reports/cli.ts')]);
      try {
        const r = await runReportCommand(loadConfig(), { ...o, paper: o.paper === 'letter' ? 'Letter' : 'A4', refresh: o.refresh ?? false });
        if (r.path) process.stderr.write(`wrote ${r.path} (${r.bytes.length} bytes)\n`);
      } catch (err) {
        if (err instanceof WeekError) throw new UsageError(`--week: ${err.message}`);
        throw err;
      }
    });
  cli.command('pull').description('run a pull job now: bigquery, files, postmaster, snds, sendgrid, sparkpost, postmark, mailgun or ses (all configured ones without SOURCE)')
    .argument('[source]')
    .addOption(dbOption())
    .action(async (source: string | undefined, o: { db?: string }) => {
      const [{ loadConfig }, { pullCommand }] = await Promise.all([import('./config.ts'), import('./cli/pull.ts')]);
      const config = loadConfig();
      for (const line of await pullCommand(config, o.db ?? config.dbPath, source)) out(line);
    });
  cli.command('check').description("check the store's invariants (runs, events, send roll-ups, alerts); exit 1 when something is wrong and not repaired")
    .addOption(dbOption())
    .option('--repair', 'put right what is found: take out what unfinished runs left, roll sends up again')
    .option('--json', 'print the report as JSON')
    .action(async (o: { db?: string; repair?: boolean; json?: boolean }) => {
      const report = await withBackend(o, (b) => b.check(o.repair ?? false));
      if (o.json) out(report);
      else out(checkSummary(report));
      if (!report.ok) process.exitCode = 1;
    });

  webhookCommands(cli, dbOption, out);
  // .env is read before any command runs, not for --help or --version (it needs the config module).
  cli.hook('preAction', async () => (await import('./config.ts')).loadDotEnv());
  return cli;
}

/** Errors whose message is the whole story for the user (no stack trace). Loaded only when something failed. */
async function isKnownError(err: unknown): Promise<boolean> {
  if (err instanceof ApiError) return true;
  const [{ ConfigError }, { StoreLockedError }, { IngestError }] = await Promise.all([
    import('./config.ts'), import('./store/db.ts'), import('./ingest/ingest.ts'),
  ]);
  return err instanceof ConfigError || err instanceof StoreLockedError || err instanceof IngestError;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`rebound: ${err.message}\n`);
      return 2;
    }
    const known = await isKnownError(err);
    process.stderr.write(`rebound: ${err instanceof Error ? (known ? err.message : err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
