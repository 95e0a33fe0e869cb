// SES v2 Deliverability dashboard answers → seed placement (SES API reference v2: GetDomainStatisticsReport,
// GetDeliverabilityTestReport). Checked after the SDK has read them, so a missing or impossible field is named
// by its path.
//
// Domain ISP placement: each day's DomainIspPlacements give InboxRawCount and SpamRawCount per ISP, counts of the
// dashboard's panel and seed messages: a seed test of the day per provider, seeds = inbox + spam, missing 0.
// Test reports (predictive inbox placement tests) give only percentages per ISP: stored per 100 seeds
// (inbox and spam rounded, missing the rest), tested at the report's CreateDate.
import { z } from 'zod';
import { count, parseAnswer } from '../http.ts';
import type { ProviderMap } from '../providers.ts';
import type { PulledSeed } from '../types.ts';

const date = z.date({ message: 'must be a timestamp' });
const percent = z.number().min(0, 'must be a percentage').max(100, 'must be a percentage');

export const statisticsReport = z.object({
  DailyVolumes: z.array(z.object({
    StartDate: date,
    DomainIspPlacements: z.array(z.object({ IspName: z.string().min(1), InboxRawCount: count, SpamRawCount: count })).optional(),
  })),
});

export const testReport = z.object({
  DeliverabilityTestReport: z.object({ ReportId: z.string().min(1), FromEmailAddress: z.string().includes('@', { message: 'must be an email address' }), CreateDate: date }),
  IspPlacements: z.array(z.object({
    IspName: z.string().min(1),
    PlacementStatistics: z.object({ InboxPercentage: percent, SpamPercentage: percent, MissingPercentage: percent.optional() }),
  })),
});

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** One seed test per (day, provider) of a domain's statistics report; ISPs of one provider add up. */
export function domainPlacementSeeds(body: unknown, domain: string, providers: ProviderMap): PulledSeed[] {
  const r = parseAnswer(statisticsReport, body, `SES GetDomainStatisticsReport (${domain})`);
  const out = new Map<string, PulledSeed>();
  for (const day of r.DailyVolumes) {
    const d = isoDay(day.StartDate);
    for (const p of day.DomainIspPlacements ?? []) {
      if (p.InboxRawCount + p.SpamRawCount === 0) continue;
      const provider = providers.of(p.IspName);
      const key = `${d}|${provider}`;
      const prev = out.get(key);
      const inbox = p.InboxRawCount + (prev?.inbox ?? 0);
      const spam = p.SpamRawCount + (prev?.spam ?? 0);
      out.set(key, { stream: domain, provider, send_id: `${domain}/${d}`, tested_at: `${d}T00:00:00Z`, seeds: inbox + spam, inbox, spam, missing: 0 });
    }
  }
  return [...out.values()];
}

// A test report's percentages are stored per this many seeds.
export const TEST_REPORT_SEEDS = 100;

/** A completed test report → one seed test per provider (the first ISP of a provider stands for it). */
export function testReportSeeds(body: unknown, providers: ProviderMap): PulledSeed[] {
  const r = parseAnswer(testReport, body, 'SES GetDeliverabilityTestReport');
  const rep = r.DeliverabilityTestReport;
  const stream = (rep.FromEmailAddress.split('@')[1] ?? '').toLowerCase();
  const at = rep.CreateDate.toISOString();
  const out = new Map<string, PulledSeed>();
  for (const p of r.IspPlacements) {
    const provider = providers.of(p.IspName);
    if (out.has(provider)) continue;
    const inbox = Math.round((p.PlacementStatistics.InboxPercentage * TEST_REPORT_SEEDS) / 100);
    const spam = Math.min(TEST_REPORT_SEEDS - inbox, Math.round((p.PlacementStatistics.SpamPercentage * TEST_REPORT_SEEDS) / 100));
    out.set(provider, { stream, provider, send_id: `${stream}/${isoDay(rep.CreateDate)}`, tested_at: at, seeds: TEST_REPORT_SEEDS, inbox, spam, missing: TEST_REPORT_SEEDS - inbox - spam });
  }
  return [...out.values()];
}
