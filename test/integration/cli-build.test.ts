// The compiled CLI (scripts/build-cli.js → build/cli/): bin/rebound.js runs it only while it is current, and it
// behaves as the TypeScript sources do.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledCli } from '../../bin/compiled.js';
import { ROOT, runCli, tempDir } from './helpers.ts';

const tmp = tempDir('rebound-cli-build-');
// Inside the repository (build/ is ignored by git), so the compiled code finds node_modules as the real one does.
const out = join(ROOT, 'build', `cli-test-${process.pid}`);
const stamp = join(out, 'inputs.json');
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.js'), out], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  tmp.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('compiledCli', () => {
  it('takes a fresh build, listing the sources it was built from', () => {
    const manifest = JSON.parse(readFileSync(stamp, 'utf8')) as { inputs: string[] };
    expect(manifest.inputs).toContain('bin/main.ts');
    expect(manifest.inputs).toContain('server/cli.ts');
    expect(manifest.inputs).toContain('jobs/index.ts');
    expect(manifest.inputs).toContain('server/store/db.ts');
    expect(manifest.inputs.every((p) => !p.startsWith('node_modules'))).toBe(true);
    expect(compiledCli(out)).toBe(`file://${join(out, 'rebound.js')}`);
  });

  it('refuses a build older than a source, or built from a source that is gone', () => {
    const text = readFileSync(stamp, 'utf8');
    const now = new Date();
    utimesSync(stamp, new Date(0), new Date(0));
    expect(compiledCli(out)).toBeNull();
    utimesSync(stamp, now, now);
    expect(compiledCli(out)).not.toBeNull();
    const manifest = JSON.parse(text) as { inputs: string[] };
    writeFileSync(stamp, JSON.stringify({ ...manifest, inputs: [...manifest.inputs, 'server/deleted-since.ts'] }));
    expect(compiledCli(out)).toBeNull();
    writeFileSync(stamp, text);
  });

  it('refuses an unfinished build (no manifest)', () => {
    expect(compiledCli(join(tmp.dir, 'nothing-here'))).toBeNull();
  });
});

describe('the compiled CLI', () => {
  it('prints the same help and version as the sources', async () => {
    const entry = compiledCli(out);
    expect(entry).not.toBeNull();
    const compiled = (args: string[]) => execFileSync(process.execPath, ['--input-type=module', '-e',
      `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(${JSON.stringify(args)});`], { cwd: tmp.dir, encoding: 'utf8' });
    for (const args of [['--help'], ['ingest', '--help'], ['--version']]) {
      const source = await runCli(args, { cwd: tmp.dir, env: { REBOUND_FROM_SOURCE: '1' } });
      expect(source.code).toBe(0);
      expect(compiled(args)).toBe(source.stdout);
    }
  });
});
