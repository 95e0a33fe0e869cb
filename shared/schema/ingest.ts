// What an ingest answers (CLI --json, API): counts, and every rejected record with its line and reason.
import { z } from 'zod';
import { INPUT_KINDS } from './inputs.ts';

export const rejection = z.object({ line: z.number().int(), reason: z.string() });
export const ingestResult = z.object({
  source: z.string(),
  run_id: z.number().int(),
  kind: z.enum(INPUT_KINDS).nullable(),
  format: z.enum(['ndjson', 'csv']).nullable(),
  status: z.enum(['stored', 'partial', 'rejected']),
  read: z.number().int(),
  stored: z.number().int(),
  duplicate: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(rejection),
  rejections_not_listed: z.number().int(),
});
export type IngestResultBody = z.infer<typeof ingestResult>;

export const ingestRun = z.object({
  id: z.number().int(),
  source: z.string(),
  kind: z.string().nullable(),
  format: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string(),
  status: z.enum(['stored', 'partial', 'rejected', 'failed']),
  rows_read: z.number().int(),
  rows_stored: z.number().int(),
  rows_duplicate: z.number().int(),
  rows_rejected: z.number().int(),
  error: z.string().nullable(),
});
