// The jobs `rebound serve` schedules. Each is one thin file; this list is the whole registry.
import type { Services } from '../server/context.ts';
import { deliverOutboxJob } from './deliver-outbox.ts';
import { evaluateJob } from './evaluate.ts';
import { pullJobs } from './pull.ts';
import type { Job } from './registry.ts';
import { weeklyReportJob } from './weekly-report.ts';

export function buildJobs(s: Services): Job[] {
  const jobs = [evaluateJob(s), weeklyReportJob(s)];
  // Without SMTP or an alert webhook there is nothing to deliver; messages wait in the outbox until one is set.
  const channels = s.config.alertChannels;
  if (s.config.smtpUrl || channels.webhooks.length > 0 || channels.slack) jobs.push(deliverOutboxJob(s));
  // Pulls only for the sources that are configured (docs/sources.md).
  jobs.push(...pullJobs(s));
  return jobs;
}
