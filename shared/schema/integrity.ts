// The store check (`rebound check`, POST /api/store/check): what it found and whether it put it right
// (docs/integrity.md). Findings carry counts and run ids only, never data.
import { z } from 'zod';

export const CHECKS = ['unfinished_run', 'orphan_events', 'send_rollup', 'alert_outbox', 'alert_rule', 'index_rebuilt'] as const;

export const storeCheckRequest = z.object({
  /** Put right what is found (roll back unfinished runs, take out orphan events, roll sends up again). */
  repair: z.boolean().default(false),
  /** Every send row against its events (the default); false checks only what a crash can have touched, as at open. */
  full: z.boolean().default(true),
}).strict();

export const checkFinding = z.object({
  check: z.enum(CHECKS),
  count: z.number().int(),
  message: z.string(),
  repaired: z.boolean(),
});

export const storeCheckReport = z.object({
  /** 'open': what a crash can touch (unfinished runs, events stored since the last check); 'full': everything. */
  scope: z.enum(['open', 'full']),
  /** True when nothing is wrong, or everything found was put right. */
  ok: z.boolean(),
  findings: z.array(checkFinding),
});

export type CheckName = (typeof CHECKS)[number];
export type CheckFinding = z.infer<typeof checkFinding>;
export type StoreCheckReport = z.infer<typeof storeCheckReport>;
