// The job runner (jobs/registry.ts): a shutdown waits for the runs under way, so a run that finished is recorded
// before the store closes, and its log line follows the record.
import { describe, expect, it } from 'vitest';
import { JobRunner, type JobRun } from '../../jobs/registry.ts';

const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('JobRunner', () => {
  it('stop() waits for a run under way to finish and be recorded', async () => {
    const recorded: JobRun[] = [];
    const lines: string[] = [];
    const runner = new JobRunner(
      [{ name: 'slow', schedule: '0 0 1 1 *', run: () => later(150, 'done') }],
      (l) => lines.push(l),
      () => new Date(),
      async (run) => {
        await later(50, null);
        recorded.push(run);
        lines.push('recorded');
      },
    );
    runner.start();
    void runner.runNow('slow');
    await later(10, null);
    await runner.stop();
    expect(recorded.map((r) => [r.job, r.ok, r.summary])).toEqual([['slow', true, 'done']]);
    expect(lines[0]).toBe('recorded');
    expect(lines[1]).toMatch(/^\[job slow\] ok in \d+ ms: done$/);
  });

  it('a second run of a job under way is skipped, and a failure is recorded as one', async () => {
    const recorded: JobRun[] = [];
    const runner = new JobRunner(
      [{ name: 'bad', schedule: '0 0 1 1 *', run: async () => { await later(50, null); throw new Error('no store'); } }],
      () => undefined,
      () => new Date(),
      async (run) => void recorded.push(run),
    );
    const [first, second] = await Promise.all([runner.runNow('bad'), runner.runNow('bad')]);
    expect(second.summary).toMatch(/^skipped/);
    expect(first).toMatchObject({ ok: false, summary: 'failed: no store' });
    expect(recorded).toHaveLength(1);
  });
});
