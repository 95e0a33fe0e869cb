// `rebound report` (docs/reports.md): one ISO week's recovery report in HTML, CSV, PDF or JSON.
import { Option, type Command } from 'commander';
import { WeekError } from '#shared/iso-week.ts';
import { dbOption, UsageError } from '../kit.ts';

/** `report`. */
export function registerReport(cli: Command): void {
  cli.command('report').description('the weekly recovery report of an ISO week (default: the last complete week in TZ_REPORTS)')
    .option('--week <YYYY-Www>', 'ISO 8601 week, e.g. 2026-W09')
    .addOption(new Option('--format <format>', 'html, csv, pdf, or json (the report model)').choices(['html', 'csv', 'pdf', 'json']).default('html'))
    .addOption(new Option('--paper <size>', 'PDF paper size').choices(['a4', 'letter']).default('a4'))
    .option('--out <file>', 'write here, - for stdout (default: stdout; a PDF goes to rebound-report-WEEK.pdf)')
    .option('--refresh', 'rebuild a stored report from the current data')
    .addOption(dbOption())
    .action(async (o: { week?: string; format: 'html' | 'csv' | 'pdf' | 'json'; paper: 'a4' | 'letter'; out?: string; refresh?: boolean; db?: string }) => {
      const [{ loadConfig }, { runReportCommand }] = await Promise.all([import('../../config.ts'), import('../report.ts')]);
      try {
        const r = await runReportCommand(loadConfig(), { ...o, paper: o.paper === 'letter' ? 'Letter' : 'A4', refresh: o.refresh ?? false });
        if (r.path) process.stderr.write(`wrote ${r.path} (${r.bytes.length} bytes)\n`);
      } catch (err) {
        if (err instanceof WeekError) throw new UsageError(`--week: ${err.message}`);
        throw err;
      }
    });
}
