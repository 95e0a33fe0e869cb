// `rebound report` (docs/reports.md): one week's report from the store, or — while `rebound serve` holds the
// store — from that server's API, so the CLI gives the very report the API and the weekly job give (same stored
// model).
import { writeFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { PaperSize } from '../reports/pdf.ts';
import { reportFile, reportWeek, type ReportFile, type ReportFormat } from '../reports/service.ts';
import { formatIsoWeek, previousIsoWeek } from '#shared/iso-week.ts';
import { onStoreOrServer, storePath, type LocalServer } from './store-or-server.ts';

export interface ReportCliOptions {
  week?: string;
  format: ReportFormat;
  paper: PaperSize;
  refresh: boolean;
  out?: string;
  db?: string;
}

type Fetched = Pick<ReportFile, 'bytes' | 'filename'>;

/** The report through the server holding the store, under the name the server gives it. */
export async function reportFromServer(server: LocalServer, week: string, o: ReportCliOptions): Promise<Fetched> {
  const query = { format: o.format, paper: o.paper === 'A4' ? 'a4' as const : 'letter' as const, refresh: o.refresh ? 'true' as const : 'false' as const };
  const { data, filename } = await server.okFile(server.api.GET('/api/reports/{week}', { params: { path: { week }, query }, parseAs: 'arrayBuffer' }));
  return { bytes: Buffer.from(data), filename: filename ?? `rebound-report-${week}.${o.format}` };
}

/** The report of a checked week: built from the store, or fetched from the server holding it. */
function fetchReport(config: Config, week: string, o: ReportCliOptions, now: Date): Promise<Fetched> {
  return onStoreOrServer(config, storePath(o, config),
    (s) => reportFile(s, week, { format: o.format, paper: o.paper, refresh: o.refresh }),
    (server) => reportFromServer(server, week, o), () => now);
}

/**
 * Checks the week (a WeekError for a bad or future one — the caller makes that exit 2), gets the report and
 * writes it: to --out, else text formats to stdout and a PDF to its own file name in the working directory.
 */
export async function runReportCommand(config: Config, o: ReportCliOptions, now = new Date()): Promise<{ path: string | null; bytes: Buffer }> {
  const week = o.week ?? formatIsoWeek(previousIsoWeek(now, config.reportTimeZone));
  // Validated before the store is opened, so a typo never waits on a lock or a server.
  const label = reportWeek(week, config.reportTimeZone, now).label;
  const file = await fetchReport(config, label, o, now);
  const out = o.out ?? (o.format === 'pdf' ? file.filename : null);
  // `--out -` is standard output, as for every --out and --export of the CLI (docs/cli.md).
  if (out === null || out === '-') {
    process.stdout.write(file.bytes);
    return { path: null, bytes: file.bytes };
  }
  writeFileSync(out, file.bytes);
  return { path: out, bytes: file.bytes };
}
