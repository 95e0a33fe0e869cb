/** The file URL of the compiled CLI entry in `outdir` (default build/cli), or null when it is missing or stale. */
export function compiledCli(outdir?: string): string | null;
