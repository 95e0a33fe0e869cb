// `rebound apology check`, `rebound audience`, `rebound annotate` and `rebound annotations` (docs/incidents.md):
// the apology check, the audience guard and the incident's timeline.
import { Option, type Command } from 'commander';
import { ANNOTATION_KINDS } from '#shared/kinds.ts';
import { annotationsTable, apologyReport } from '../print-apology.ts';
import { audienceText, exportAudienceFile, uploadListFile } from '../audience.ts';
import { dbOption, out, withBackend } from '../kit.ts';

/** `apology check`, `audience`, `annotate` and `annotations`. */
export function registerApology(cli: Command): void {
  cli.command('apology').description('apology drafts (docs/incidents.md)')
    .command('check').description('check a draft (.eml or JSON with from, reply_to, subject, text, html) against the playbook; exit 1 when it must not be sent')
    .argument('<id>', 'the incident')
    .requiredOption('--draft <file>', 'the draft: an .eml message or a .json file')
    .option('--personal-data-exposed', 'personal data or credentials were exposed (implied for a data_breach incident)')
    .option('--audience <file>', 'the apology\'s recipient list (one per line, or CSV with a recipient/email column): stored as the incident\'s apology list and checked against the affected audience')
    .option('--json', 'print exactly the API JSON')
    .addOption(dbOption())
    .action(async (id: string, o: { draft: string; personalDataExposed?: boolean; audience?: string; json?: boolean; db?: string }) => {
      const { readDraftFile } = await import('../../apology/service.ts');
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
}
