#!/usr/bin/env node
// Compiles the program (bin/main.ts: the CLI, the server, the jobs and all they import) to plain JavaScript in
// build/cli/, so `rebound` starts without transpiling TypeScript on every run. npm runs it on install (`prepare`)
// and in `npm run build`; bin/rebound.js uses the output while it is newer than every source it was built from
// (build/cli/inputs.json), and otherwise runs the sources through tsx. See docs/cli.md.
//   node scripts/build-cli.js [OUTDIR]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = resolve(process.argv[2] ?? join(root, 'build', 'cli'));

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: { rebound: 'bin/main.ts' },
  outdir,
  bundle: true,
  // Commands load their heavy parts (DuckDB, the PDF renderer, the mailer) with import() when they run: split
  // chunks keep those out of what `rebound --help` loads.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies stay in node_modules, loaded by Node as usual; only the repository's own code is compiled.
  packages: 'external',
  metafile: true,
  logLevel: 'warning',
});
const inputs = Object.keys(result.metafile.inputs).map((p) => relative(root, resolve(root, p)));
// Written last: its presence says the build completed.
writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify({ built_at: new Date().toISOString(), inputs }, null, 1)}\n`);
console.error(`build-cli: ${inputs.length} modules → ${relative(root, outdir) || outdir}/ in ${Date.now() - started} ms`);
