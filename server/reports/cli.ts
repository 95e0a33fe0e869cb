// `rebound report`: one week's report from the store, or — while `rebound serve` holds the store — from that
// server's API, so the CLI gives the very report the API and the weekly job give (same stored model).
import { writeFileSync } from 'node:fs';
import { readServerFile, type ServerFile } from '../cli/server-file.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';
import { Db, StoreLockedError } from '../store/db.ts';
import type { PaperSize } from './pdf.ts';
import { reportFile, reportWeek, type ReportFile, type ReportFormat } from './service.ts';
import { formatIsoWeek, previousIsoWeek } from '../../shared/iso-week.ts';

export interface ReportCliOptions {
  week?: string;
  format: ReportFormat;
  paper: PaperSize;
  refresh: boolean;
  out?: string;
  db?: string;
}

type Fetched = Pick<ReportFile, 'bytes' | 'filename'>;

async function fromServer(server: ServerFile, week: string, o: ReportCliOptions): Promise<Fetched> {
  const q = new URLSearchParams({ format: o.format, paper: o.paper.toLowerCase(), refresh: String(o.refresh) });
  let res: Response;
  try {
    res = await fetch(`${server.url}/api/reports/${encodeURIComponent(week)}?${q}`, { headers: { authorization: `Bearer ${server.token}` } });
  } catch {
    throw new Error(`the store is held by PID ${server.pid}, but its server at ${server.url} does not answer`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new ApiError('internal', body.error?.message ?? `HTTP ${res.status}`);
  }
  const filename = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `rebound-report-${week}.${o.format}`;
  return { bytes: Buffer.from(await res.arrayBuffer()), filename };
}

/**
 * Checks the week (a WeekError for a bad or future one — the caller makes that exit 2), gets the report and
 * writes it: to --out, else text formats to stdout and a PDF to its own file name in the working directory.
 * Returns what it wrote, for the message.
 */
async function fetchReport(config: Config, week: string, o: ReportCliOptions, now: Date): Promise<Fetched> {
  const path = o.db ?? config.dbPath;
  let db: Db;
  try {
    db = await Db.open(path, config.dbMemory);
  } catch (err) {
    const server = err instanceof StoreLockedError ? readServerFile(path) : null;
    if (!server) throw err;
    return fromServer(server, week, o);
  }
  try {
    return await reportFile({ db, config, now: () => now, localToken: null }, week, { format: o.format, paper: o.paper, refresh: o.refresh });
  } finally {
    db.close();
  }
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
