#!/usr/bin/env node
// `rebound`: runs the compiled CLI in build/cli/ (scripts/build-cli.js, run by `npm install` and `npm run
// build`) while it is newer than every source it was built from; otherwise — a checkout edited since, or never
// built — the TypeScript sources through tsx, which transpiles at each start (slower, same behaviour).
// REBOUND_FROM_SOURCE=1 always takes the sources. See docs/cli.md.
import { compiledCli } from './compiled.js';

let main;
const compiled = process.env.REBOUND_FROM_SOURCE === '1' ? null : compiledCli();
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
