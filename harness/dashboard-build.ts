// Whether the built dashboard in dist/ is missing or older than its sources, and the build itself: the browser
// tests (test/e2e/setup.ts) and the dashboard benchmark both drive the page the server serves from dist/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILT = join(ROOT, 'dist', 'index.html');
const SOURCES = [join(ROOT, 'dashboard'), join(ROOT, 'shared'), join(ROOT, 'vite.config.ts')];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((s) => existsSync(s) && newestMtime(s) > built);
}

export function buildDashboard(): void {
  // The production build whatever the caller's NODE_ENV: under vitest it is "test", and vite then builds React's
  // development bundle (the first page at 129 KB gzipped instead of 73, every render slower), which is neither what
  // the server ships nor what the benchmark measures.
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' },
  });
}
