// vitest globalSetup: the browser tests drive the built dashboard that the server serves from dist/, so build
// it once per run when dist/ is missing or older than any dashboard source. Runs that select only other test
// folders (e.g. `vitest run test/unit`) skip the build.
import { buildDashboard, isStale } from '../../harness/dashboard-build.ts';

/** True when the command line names test files or folders and none of them is an e2e test. */
function e2eNotSelected(argv: readonly string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch' && !/vitest(\.mjs)?$/.test(a));
  return filters.length > 0 && !filters.some((f) => f.includes('e2e'));
}

export default function setup(): void {
  if (e2eNotSelected(process.argv) || !isStale()) return;
  console.log('e2e: building the dashboard (dist/ is missing or stale)…');
  buildDashboard();
}
