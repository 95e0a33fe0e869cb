// Preloaded into each timed `rebound` run (node --import): on exit, reports the process's own CPU time on a
// spare file descriptor, so the benchmark gets a figure the other processes on a shared machine do not inflate.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  try {
    writeSync(3, `${(user + system) / 1000}\n`);
  } catch {
    // Not started by the benchmark: nothing to report to.
  }
});
