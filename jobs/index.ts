// The jobs `rebound serve` schedules. Each is one thin file; this list is the whole registry.
import type { Services } from '../server/context.ts';
import type { Job } from './registry.ts';

export function buildJobs(_s: Services): Job[] {
  return [];
}
