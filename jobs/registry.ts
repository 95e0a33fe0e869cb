// A declarative job registry (after Uptime Kuma's server/jobs.js): each job is { name, schedule, run }. Every
// run is awaited, never overlaps itself, has its errors caught and recorded, and logs one summary line.
import cron, { type ScheduledTask } from 'node-cron';

export interface Job {
  name: string;
  /** A cron expression (node-cron syntax, five or six fields). */
  schedule: string;
  /** IANA time zone of the schedule; UTC when absent. */
  timezone?: string;
  /** Does the work and returns a one-line summary for the log. */
  run: (now: Date) => Promise<string>;
}

export interface JobRun { job: string; started_at: string; finished_at: string; ok: boolean; summary: string }

export type Log = (line: string) => void;

export class JobRunner {
  private readonly tasks: ScheduledTask[] = [];
  private readonly running = new Set<string>();
  // Runs under way, each until it is recorded: a shutdown waits for them (stop), so a run that finished is never
  // left out of the store's job_runs.
  private readonly inFlight = new Set<Promise<JobRun>>();
  readonly history: JobRun[] = [];

  constructor(
    private readonly jobs: readonly Job[],
    private readonly log: Log = (l) => console.log(l),
    private readonly now: () => Date = () => new Date(),
    /** Durable record of each run (the store's job_runs); a failure to record is logged, never thrown. */
    private readonly record: (run: JobRun) => Promise<void> = async () => {},
  ) {}

  /** Runs one job now; a run already under way is not started again (it answers with a skipped run). */
  async runNow(name: string): Promise<JobRun> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job named ${name}`);
    const started = this.now();
    if (this.running.has(name)) {
      return { job: name, started_at: started.toISOString(), finished_at: started.toISOString(), ok: true, summary: 'skipped: the previous run is still going' };
    }
    this.running.add(name);
    const run = this.execute(job, started);
    this.inFlight.add(run);
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  private async execute(job: Job, started: Date): Promise<JobRun> {
    const name = job.name;
    let ok = true;
    let summary: string;
    try {
      summary = await job.run(started);
    } catch (err) {
      ok = false;
      summary = `failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      this.running.delete(name);
    }
    const run: JobRun = { job: name, started_at: started.toISOString(), finished_at: this.now().toISOString(), ok, summary };
    this.history.push(run);
    // Only the most recent runs are kept in memory; durable job records live in the store.
    if (this.history.length > 200) this.history.shift();
    await this.record(run).catch((err: unknown) => this.log(`[job ${name}] could not record the run: ${String(err)}`));
    this.log(`[job ${name}] ${ok ? 'ok' : 'FAILED'} in ${Date.parse(run.finished_at) - started.getTime()} ms: ${summary}`);
    return run;
  }

  start(): void {
    for (const job of this.jobs) {
      const task = cron.schedule(job.schedule, () => this.runNow(job.name), {
        name: job.name,
        timezone: job.timezone ?? 'UTC',
        noOverlap: true,
      });
      this.tasks.push(task);
    }
  }

  /** Stops the schedule, then waits for the runs under way to finish and be recorded (before the store closes). */
  async stop(): Promise<void> {
    for (const t of this.tasks) await t.stop();
    this.tasks.length = 0;
    await Promise.allSettled([...this.inFlight]);
  }
}
