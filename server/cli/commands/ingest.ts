// `rebound ingest FILE…` (docs/data-formats.md): files of events, send summaries, seed tests or reputation data,
// each loaded whole or not at all; rejected records go to stderr as FILE:LINE: reason and the exit status is 1.
import { Option, type Command } from 'commander';
import { INPUT_KINDS } from '#shared/kinds.ts';
import { ApiError } from '../../errors.ts';
import { FORMATS } from '../../ingest/records.ts';
import { endProgress, ingestSummary, progressPrinter, rejectionLines } from '../print.ts';
import { dbOption, out, withBackend } from '../kit.ts';

/** `ingest`. */
export function registerIngest(cli: Command): void {
  cli.command('ingest').description('load files of events, send summaries or seed tests (docs/data-formats.md)')
    .argument('<files...>')
    .addOption(dbOption())
    .addOption(new Option('--kind <kind>', 'override kind detection').choices(INPUT_KINDS))
    .addOption(new Option('--format <format>', 'override format detection').choices(FORMATS))
    .option('--skip-bad', 'store the good records of a file that has bad ones')
    .option('--json', 'print the results as JSON')
    .action(async (files: string[], o: { db?: string; kind?: (typeof INPUT_KINDS)[number]; format?: (typeof FORMATS)[number]; skipBad?: boolean; json?: boolean }) => {
      const { IngestError } = await import('../../ingest/ingest.ts');
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
}
