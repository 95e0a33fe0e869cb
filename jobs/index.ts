// The jobs `rebound serve` schedules. Each is one thin file; this list is the whole registry.
import type { Services } from '../server/context.ts';
import { evaluateJob } from './evaluate.ts';
import type { Job } from './registry.ts';

export function buildJobs(s: Services): Job[] {
  return [evaluateJob(s)];
}
