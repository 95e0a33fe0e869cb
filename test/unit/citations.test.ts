// Code, docs and `rebound --help` cite this repository's own docs/ pages, never documents a reader of the repository
// cannot open: the product contract and style guide outside it, issue numbers, or notes that are not in it
// (docs/architecture.md, "House rules"). A comment or message that needs a reference names a docs/ page instead.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { program } from '../../bin/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FOLDERS = ['server', 'shared', 'dashboard', 'test', 'bench', 'harness', 'scripts', 'bin', 'docs', '.ci'];
const TOP_FILES = ['README.md', 'SECURITY.md', 'BENCHMARKS.md', 'package.json', 'eslint.config.js', 'vite.config.ts', 'vitest.config.ts'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '.git']);
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|json|html|css|sh|py|yml|yaml|sql)$|^run$/;

// Spelled in parts so this file does not cite what it forbids.
const FORBIDDEN: [string, RegExp][] = [
  ['the product contract', new RegExp(`\\b${'SP'}EC\\b`)],
  ['an issue number', new RegExp(`\\b${'iss'}ue\\s+#?\\d`, 'i')],
  ['the style guide', new RegExp(`\\b${'DES'}IGN\\b`)],
  ['notes outside the repository', new RegExp(`${'STATS'}-NOTES`)],
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return SKIP_DIRS.has(e.name) ? [] : files(path);
    return TEXT.test(e.name) ? [path] : [];
  });
}

/** Every `file:line: what` where a text cites something the repository does not hold. */
function findings(name: string, text: string, base: string | null): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [what, pattern] of FORBIDDEN) if (pattern.test(line)) out.push(`${name}:${i + 1}: cites ${what}: ${line.trim()}`);
    for (const m of line.matchAll(/\bdocs\/([\w-]+\.md)/g)) {
      if (m[1] && !existsSync(join(ROOT, 'docs', m[1]))) out.push(`${name}:${i + 1}: cites a page docs/ does not have: ${m[0]}`);
    }
    // A relative path to a document that climbs out of the checkout (../shared/….md); in a Markdown page, any such
    // path. Code's own relative imports stay inside (and an example of one in a comment is not a citation).
    if (base) {
      for (const m of line.matchAll(/(?:\.\.\/)+[\w.-]+(?:\/[\w.-]+)*/g)) {
        if (!name.endsWith('.md') && !m[0].endsWith('.md')) continue;
        if (relative(ROOT, resolve(base, m[0])).startsWith('..')) out.push(`${name}:${i + 1}: points outside the repository: ${m[0]}`);
      }
    }
  });
  return out;
}

function helpTexts(cmd: Command, path: string[]): [string, string][] {
  return [[path.join(' '), cmd.helpInformation()], ...cmd.commands.flatMap((c) => helpTexts(c, [...path, c.name()]))];
}

describe('citations', () => {
  it('code and docs cite only what the repository holds', () => {
    const all = [...FOLDERS.flatMap((f) => files(join(ROOT, f))), ...TOP_FILES.map((f) => join(ROOT, f))];
    expect(all.length).toBeGreaterThan(300);
    const found = all.flatMap((path) => findings(relative(ROOT, path), readFileSync(path, 'utf8'), dirname(path)));
    expect(found).toEqual([]);
  });

  it('every `rebound … --help` cites only docs/ pages', () => {
    const texts = helpTexts(program(), ['rebound']);
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.flatMap(([cmd, text]) => findings(`${cmd} --help`, text, null))).toEqual([]);
  });

  it('catches each kind of citation', () => {
    const bad = [`(docs/${'no-such'}-page.md)`, `(${'SP'}EC 3)`, `(${'iss'}ue 5)`, `see ${'DES'}IGN.md`, `${'STATS'}-NOTES.md section 4`, '[x](../../outside.md)'];
    for (const line of bad) expect(findings('x.md', line, join(ROOT, 'docs')), line).toHaveLength(1);
    expect(findings('x.ts', "import { METRICS } from '../shared/metrics.ts'; // UNSPECIFIED, SPEC_COLUMNS", join(ROOT, 'server'))).toEqual([]);
  });
});
