// The ESP metrics pulls, in one list: their environment variables (merged into config.ts's schema, so a bad
// value stops the start naming the variable), their configuration, and the pull each configured one runs.
// Adding an ESP is a folder with config.ts, parse.ts and index.ts, and one line in each list below.
import type { z } from 'zod';
import type { Services } from '../../context.ts';
import type { RetryOptions } from '../../warehouse/retry.ts';
import { runEspPull, summaryLine } from './pull.ts';
import { sendgridConfig, sendgridEnv, type SendgridConfig } from './sendgrid/config.ts';
import { sendgridSource } from './sendgrid/index.ts';
import { sparkpostConfig, sparkpostEnv, type SparkpostConfig } from './sparkpost/config.ts';
import { sparkpostSource } from './sparkpost/index.ts';
import { postmarkConfig, postmarkEnv, type PostmarkConfig } from './postmark/config.ts';
import { postmarkSource } from './postmark/index.ts';
import { mailgunConfig, mailgunEnv, type MailgunConfig } from './mailgun/config.ts';
import { mailgunSource } from './mailgun/index.ts';
import { sesConfig, sesEnv, type SesConfig } from './ses/config.ts';
import { sesSource } from './ses/index.ts';
import { ESP_NAMES, type EspName, type EspSource } from './types.ts';

export const ESP_PULLS = ESP_NAMES;

export const espEnv = { ...sendgridEnv, ...sparkpostEnv, ...postmarkEnv, ...mailgunEnv, ...sesEnv };

type Env = z.infer<z.ZodObject<typeof espEnv>>;

export interface EspConfigs {
  sendgrid: SendgridConfig | null; sparkpost: SparkpostConfig | null; postmark: PostmarkConfig | null;
  mailgun: MailgunConfig | null; ses: SesConfig | null;
}

/** `need` throws naming the variable that a half-configured ESP lacks (config-sources.ts turns it into a start error). */
export function espConfigs(e: Env, need: (variable: string, ok: boolean, message: string) => void): EspConfigs {
  return { sendgrid: sendgridConfig(e), sparkpost: sparkpostConfig(e), postmark: postmarkConfig(e), mailgun: mailgunConfig(e, need), ses: sesConfig(e) };
}

/** The source of each configured ESP pull (retry is for tests: waits they need not sit through). */
export function espSources(c: EspConfigs, retry?: RetryOptions): EspSource[] {
  const out: EspSource[] = [];
  if (c.sendgrid) out.push(sendgridSource(c.sendgrid, retry));
  if (c.sparkpost) out.push(sparkpostSource(c.sparkpost, retry));
  if (c.postmark) out.push(postmarkSource(c.postmark, retry));
  if (c.mailgun) out.push(mailgunSource(c.mailgun, retry));
  if (c.ses) out.push(sesSource(c.ses, retry));
  return out;
}

export interface EspPullDef { name: EspName; schedule: string; run: () => Promise<string> }

export function espPulls(s: Services, retry?: RetryOptions): EspPullDef[] {
  return espSources(s.config.sources.esp, retry).map((src) => ({
    name: src.name, schedule: src.window.cron,
    run: async () => summaryLine(src.name, await runEspPull(s, src)),
  }));
}
