// The jobs `rebound serve` schedules. Each is one thin file; this list is the whole registry.
import type { Services } from '../server/context.ts';
import { deliverOutboxJob } from './deliver-outbox.ts';
import { evaluateJob } from './evaluate.ts';
import { pullJobs } from './pull.ts';
import type { Job } from './registry.ts';
import { weeklyReportJob } from './weekly-report.ts';

export function buildJobs(s: Services): Job[] {
  const jobs = [evaluateJob(s), weeklyReportJob(s)];
  // Without SMTP there is nothing to deliver; messages wait in the outbox until SMTP_URL is set.
  if (s.config.smtpUrl) jobs.push(deliverOutboxJob(s));
  // Pulls only for the sources that are configured (BigQuery, Postmaster Tools, SNDS).
  jobs.push(...pullJobs(s));
  return jobs;
}
