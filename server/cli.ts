// The CLI (docs/cli.md): `rebound <command>`, handed the scheduled jobs by the program's entry, bin/main.ts.
// Exit 0 on success, 1 on failure, 2 on bad usage; errors go to stderr as one sentence. The command tree loads only light modules; each command imports what it
// runs (DuckDB, the services, the PDF renderer) when it runs, so `rebound --help` starts in a fraction of the time.
import { Command, CommanderError } from 'commander';
import { registerAlerts } from './cli/commands/alerts.ts';
import { registerApology } from './cli/commands/apology.ts';
import { registerIncidents, registerRecovery } from './cli/commands/incidents.ts';
import { registerIngest } from './cli/commands/ingest.ts';
import { registerReport } from './cli/commands/report.ts';
import { registerServe } from './cli/commands/serve.ts';
import { registerCheck, registerPull } from './cli/commands/store.ts';
import { registerSuspects } from './cli/commands/suspects.ts';
import { registerWebhooks } from './cli/commands/webhooks.ts';
import { UsageError, type CliParts } from './cli/kit.ts';
import { ApiError } from './errors.ts';
import { packageVersion } from './package.ts';

/** The command tree, one registration per command group (server/cli/commands/), in the order --help lists them. */
export function program(parts: CliParts): Command {
  const cli = new Command('rebound')
    .description('Deliverability post-incident monitor')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerServe(cli, parts);
  registerIngest(cli);
  registerIncidents(cli);
  registerSuspects(cli);
  registerAlerts(cli);
  registerApology(cli);
  registerRecovery(cli);
  registerReport(cli);
  registerPull(cli);
  registerCheck(cli);
  registerWebhooks(cli);
  // .env is read before any command runs, not for --help or --version (it needs the config module).
  cli.hook('preAction', async () => (await import('./config.ts')).loadDotEnv());
  return cli;
}

/** Errors whose message is the whole story for the user (no stack trace). Loaded only when something failed. */
async function isKnownError(err: unknown): Promise<boolean> {
  if (err instanceof ApiError) return true;
  const [{ ConfigError }, { StoreLockedError }, { IngestError }] = await Promise.all([
    import('./config.ts'), import('./store/db.ts'), import('./ingest/ingest.ts'),
  ]);
  return err instanceof ConfigError || err instanceof StoreLockedError || err instanceof IngestError;
}

export async function main(argv: string[], parts: CliParts): Promise<number> {
  try {
    await program(parts).parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`rebound: ${err.message}\n`);
      return 2;
    }
    const known = await isKnownError(err);
    process.stderr.write(`rebound: ${err instanceof Error ? (known ? err.message : err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}
