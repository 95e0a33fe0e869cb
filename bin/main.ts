// The program's composition root (docs/architecture.md, "Composition roots"): the CLI and server from server/, the
// scheduled jobs from jobs/. It lives outside both so that the jobs may call the server's services while server/
// imports nothing from jobs/. The jobs load only when `rebound serve` runs, so `rebound --help` stays fast.
// scripts/build-cli.js compiles this entry to build/cli/rebound.js; bin/rebound.js runs it.
import type { Command } from 'commander';
import type { CliParts } from '../server/cli/kit.ts';
import { main as runCli, program as cliProgram } from '../server/cli.ts';

const parts: CliParts = {
  scheduler: async () => (await import('../jobs/index.ts')).jobRunner,
};

/** The command tree, with the jobs wired in. */
export const program = (): Command => cliProgram(parts);

/** `rebound …`: the exit code. */
export const main = (argv: string[]): Promise<number> => runCli(argv, parts);
