// `npm run bench`: every benchmark, printed as markdown to paste into BENCHMARKS.md with the machine's details.
import { cpus, totalmem } from 'node:os';
import { benchIngest } from './ingest.ts';

const only = process.argv[2];
const out: string[] = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
];
if (!only || only === 'ingest') out.push(...(await benchIngest()), '');
if (!only || only === 'stats') {
  const { benchStats } = await import('./stats.ts');
  out.push(await benchStats(), '');
}
console.log(out.join('\n'));
