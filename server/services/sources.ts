// The pulled sources that are configured, and running one now (`rebound pull`, the scheduler, the API). Which
// sources exist and how each pulls is server/sources/'s (index.ts lists them; each is a Source, source.ts).
import type { Services } from '../context.ts';
import { configuredSources, PULL_SOURCES } from '../sources/index.ts';
import type { Source } from '../sources/source.ts';
import { listSourceStates, type SourceState } from '../store/sources.ts';
import type { SourceInfo } from '#shared/schema/sources.ts';

/** The sources whose variables are set, each on its schedule. */
export function sourcesOf(s: Services): Source[] {
  return configuredSources(s.config.sources);
}

export class SourceNotConfigured extends Error {}

/** Runs one configured pull (or every one, without a name) now; returns their summaries. */
export async function pullNow(s: Services, name?: string): Promise<string[]> {
  const sources = sourcesOf(s);
  const chosen = name ? sources.filter((p) => p.name === name) : sources;
  if (chosen.length === 0) {
    throw new SourceNotConfigured(name
      ? `${name} is not configured (${(PULL_SOURCES as readonly string[]).includes(name) ? 'see docs/sources.md' : `known sources: ${PULL_SOURCES.join(', ')}`})`
      : 'no pulled source is configured (see docs/sources.md)');
  }
  const out: string[] = [];
  for (const p of chosen) out.push(await p.pull(s));
  return out;
}

export type { SourceInfo };

/** Every source the data page shows: configured pulls and webhooks, and any source that has a recorded state. */
export async function sourcesOverview(s: Services): Promise<SourceInfo[]> {
  const states = new Map((await listSourceStates(s.db)).map((st) => [st.source, st]));
  const empty = (source: string): SourceState => ({ source, watermark: null, last_run_at: null, last_ok_at: null, last_rows: 0, total_rows: 0, runs: 0, failures: 0, last_error: null });
  const out: SourceInfo[] = [];
  for (const p of sourcesOf(s)) out.push({ ...(states.get(p.name) ?? empty(p.name)), kind: 'pull', configured: true, schedule: p.schedule });
  const w = s.config.sources.webhooks;
  const hooks: [string, boolean][] = [['sendgrid', !!w.sendgridPublicKey], ['ses', !!w.sesTopicArns], ['mailgun', !!w.mailgunSigningKey], ['sparkpost', !!w.sparkpost], ['postmark', !!w.postmark]];
  for (const [esp, on] of hooks) if (on) out.push({ ...(states.get(`webhook:${esp}`) ?? empty(`webhook:${esp}`)), kind: 'webhook', configured: true, schedule: null });
  for (const [name, st] of states) {
    if (!out.some((o) => o.source === name)) out.push({ ...st, kind: name.startsWith('webhook:') ? 'webhook' : 'pull', configured: false, schedule: null });
  }
  return out;
}
