// What GET /api/sources answers per source (the dashboard's data page), and GET /api/reports per stored report.
import { z } from 'zod';

export const sourceInfo = z.object({
  source: z.string(), kind: z.enum(['pull', 'webhook', 'file']), configured: z.boolean(), schedule: z.string().nullable(),
  watermark: z.string().nullable(), last_run_at: z.string().nullable(), last_ok_at: z.string().nullable(),
  last_rows: z.number().int(), total_rows: z.number().int(), runs: z.number().int(), failures: z.number().int(),
  last_error: z.string().nullable(),
});
export type SourceInfo = z.infer<typeof sourceInfo>;

export const reportListing = z.object({
  week: z.string(), format: z.string(), time_zone: z.string(), generated_at: z.string(), content_type: z.string(),
  size: z.number().int(), url: z.string(),
});
export type ReportListing = z.infer<typeof reportListing>;
