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
if (!only || only === 'evaluate') {
  const { benchEvaluate } = await import('./evaluate.ts');
  out.push(...(await benchEvaluate()), '');
}
if (!only || only === 'webhooks') {
  const { benchWebhooks } = await import('./webhooks.ts');
  out.push(...(await benchWebhooks()), '');
}
if (!only || only === 'webhook-merge') {
  const { benchWebhookMerge } = await import('./webhook-merge.ts');
  out.push(...(await benchWebhookMerge()), '');
}
if (!only || only === 'rollup-new-pairs') {
  const { benchRollupNewPairs } = await import('./rollup-new-pairs.ts');
  out.push(...(await benchRollupNewPairs()), '');
}
if (!only || only === 'dashboard') {
  const { benchDashboard } = await import('./dashboard.ts');
  out.push(...(await benchDashboard()), '');
}
if (!only || only === 'load') {
  const { benchLoad } = await import('./load.ts');
  out.push(...(await benchLoad()), '');
}
if (!only || only === 'check') {
  const { benchCheck } = await import('./check.ts');
  out.push(...(await benchCheck()), '');
}
if (!only || only === 'reads') {
  const { benchReads } = await import('./reads.ts');
  out.push(...(await benchReads()), '');
}
if (!only || only === 'watch') {
  const { benchWatch } = await import('./watch.ts');
  out.push(...(await benchWatch()), '');
}
if (!only || only === 'cli') {
  const { benchCli } = await import('./cli.ts');
  out.push(...(await benchCli()), '');
}
console.log(out.join('\n'));
