// The built dashboard (vite's output in dist/) and what the server answers when it has not been built yet: a
// fresh checkout served with `rebound serve` instead of `npm start` has no dist/, and a bare 404 at / left
// newcomers guessing. They get a page saying how to build it, and the server log says the same at start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from './package.ts';

export const DASHBOARD_DIR = join(PACKAGE_ROOT, 'dist');

export function dashboardBuilt(dir: string = DASHBOARD_DIR): boolean {
  return existsSync(join(dir, 'index.html'));
}

export const DASHBOARD_MISSING =
  'the dashboard is not built: run `npm run build` once (or start with `npm start`, which builds it first); the API works meanwhile';

export const DASHBOARD_MISSING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Rebound: dashboard not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:0 .25em}</style>
</head><body>
<h1>Rebound is running, but its dashboard is not built yet</h1>
<p>Build it once, in the Rebound folder, then reload this page:</p>
<pre><code>npm run build</code></pre>
<p><code>npm start</code> builds the dashboard and then serves, in one step.</p>
<p>The HTTP API works meanwhile: its description is at <a href="/api/openapi.json">/api/openapi.json</a>.</p>
</body></html>
`;
