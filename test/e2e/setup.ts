// vitest globalSetup: the browser tests drive the built dashboard that the server serves from dist/, so build
// it once per run when dist/ is missing or older than any dashboard source. Runs that select only other test
// folders (e.g. `vitest run test/unit`) skip the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT = join(ROOT, 'dist', 'index.html');
const SOURCES = [join(ROOT, 'dashboard'), join(ROOT, 'shared'), join(ROOT, 'vite.config.ts')];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when the command line names test files or folders and none of them is an e2e test. */
function e2eNotSelected(argv: readonly string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch' && !/vitest(\.mjs)?$/.test(a));
  return filters.length > 0 && !filters.some((f) => f.includes('e2e'));
}

export function isStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => existsSync(s) && newestMtime(s) > built);
}

export default function setup(): void {
  if (e2eNotSelected(process.argv) || !isStale()) return;
  console.log('e2e: building the dashboard (dist/ is missing or stale)…');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}
