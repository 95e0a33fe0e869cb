// The jobs `rebound serve` schedules. Each is one thin file; this list is the whole registry.
import type { Services } from '../server/context.ts';
import { recordJobRun } from '../server/store/evaluations.ts';
import { deliverOutboxJob } from './deliver-outbox.ts';
import { evaluateJob } from './evaluate.ts';
import { pullJobs } from './pull.ts';
import { JobRunner, type Job, type Log } from './registry.ts';
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

/** The jobs on their schedules, each run recorded in the store's job_runs: what `rebound serve` runs beside the server. */
export function jobRunner(s: Services, log: Log): JobRunner {
  return new JobRunner(buildJobs(s), log, s.now, (run) => recordJobRun(s.db, run));
}
