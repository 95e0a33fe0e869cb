// The weekly report job (docs/reports.md): on REPORT_CRON in TZ_REPORTS (Monday 08:00 by default) it generates the
// previous ISO week's report in HTML, CSV and PDF, stores it (listed in the dashboard), and enqueues one email
// to REPORT_TO with the HTML as the body and the PDF attached. The outbox key is the week, so a re-run of the
// job (a retry, a restart on Monday morning) stores nothing new and sends no second email.
import type { Services } from '../server/context.ts';
import { enqueueMail, type MailRequest } from '../server/notify/outbox.ts';
import { reportFile, reportSet } from '../server/reports/service.ts';
import { formatIsoWeek, previousIsoWeek } from '#shared/iso-week.ts';
import type { ReportModel } from '../server/reports/model.ts';
import type { Job } from './registry.ts';

export type Enqueue = (s: Services, m: MailRequest) => Promise<boolean>;

export const reportMailKey = (week: string): string => `report:${week}`;

function plainText(m: ReportModel, url: string): string {
  const lines = [`Rebound weekly recovery report ${m.week}`, m.period_label, ''];
  if (m.incidents.length === 0) lines.push('No incidents were open or resolved in the last four weeks.');
  for (const i of m.incidents) lines.push(`- ${i.title} (${i.id}): ${i.headline}`);
  if (m.watch.length > 0) lines.push('', 'What to watch next week:', ...m.watch.map((w) => `- ${w.text}`));
  lines.push('', `The full report with charts is attached as PDF, and in the dashboard: ${url}`);
  return lines.join('\n');
}

export function subjectOf(m: ReportModel): string {
  const open = m.incidents.filter((i) => i.status === 'degraded' || i.status === 'recovering').length;
  const state = m.incidents.length === 0 ? 'no incidents' : `${m.incidents.length} incident(s), ${open} not yet recovered`;
  return `Rebound weekly recovery report ${m.week}: ${state}`;
}

/** One run: the week before `now` in the report zone. Exported for tests and `rebound` to run it by hand. */
export async function runWeeklyReport(s: Services, now: Date, enqueue: Enqueue = (x, m) => enqueueMail(x.db, m)): Promise<string> {
  const week = formatIsoWeek(previousIsoWeek(now, s.config.reportTimeZone));
  const files = await reportSet(s, week);
  // The stored model the three files were rendered from: subject and text say what the attachment says.
  const model = JSON.parse((await reportFile(s, week, { format: 'json' })).bytes.toString('utf8')) as ReportModel;
  const made = `report ${week} (${model.incidents.length} incident(s); html ${files.html.bytes.length} B, csv ${files.csv.bytes.length} B, pdf ${files.pdf.bytes.length} B)`;
  if (s.config.reportTo.length === 0) return `${made}; not emailed: REPORT_TO is not set`;
  const fresh = await enqueue(s, {
    key: reportMailKey(week),
    to: s.config.reportTo,
    subject: subjectOf(model),
    text: plainText(model, `${s.config.publicUrl}/reports`),
    html: files.html.bytes.toString('utf8'),
    attachments: [{ filename: files.pdf.filename, contentType: 'application/pdf', content: files.pdf.bytes }],
  });
  return `${made}; ${fresh ? `emailed to ${s.config.reportTo.length} recipient(s) through the outbox` : 'email already queued earlier'}`;
}

export function weeklyReportJob(s: Services, enqueue?: Enqueue): Job {
  return {
    name: 'weekly-report',
    schedule: s.config.reportCron,
    timezone: s.config.reportTimeZone,
    run: (now) => runWeeklyReport(s, now, enqueue),
  };
}
