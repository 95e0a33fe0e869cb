// The ESP metrics pulls, in one list: their environment variables (merged into the sources' configuration,
// ../config.ts, so a bad value stops the start naming the variable), their configuration, and each configured one
// as a Source (../source.ts) whose pull reads through the ESP's reader and stores through the shared runner (pull.ts).
// Adding an ESP is a folder with config.ts, parse.ts and index.ts (its reader), and one line in each list below.
import type { z } from 'zod';
import type { Need } from '../env.ts';
import type { PullContext, Source } from '../source.ts';
import type { RetryOptions } from '../../http/retry.ts';
import { runEspPull, summaryLine } from './pull.ts';
import { sendgridConfig, sendgridEnv, type SendgridConfig } from './sendgrid/config.ts';
import { sendgridReader } from './sendgrid/index.ts';
import { sparkpostConfig, sparkpostEnv, type SparkpostConfig } from './sparkpost/config.ts';
import { sparkpostReader } from './sparkpost/index.ts';
import { postmarkConfig, postmarkEnv, type PostmarkConfig } from './postmark/config.ts';
import { postmarkReader } from './postmark/index.ts';
import { mailgunConfig, mailgunEnv, type MailgunConfig } from './mailgun/config.ts';
import { mailgunReader } from './mailgun/index.ts';
import { sesConfig, sesEnv, type SesConfig } from './ses/config.ts';
import { ESP_NAMES, type EspName, type EspReader } from './types.ts';

export const espEnv = { ...sendgridEnv, ...sparkpostEnv, ...postmarkEnv, ...mailgunEnv, ...sesEnv };

type Env = z.infer<z.ZodObject<typeof espEnv>>;

export interface EspConfigs {
  sendgrid: SendgridConfig | null; sparkpost: SparkpostConfig | null; postmark: PostmarkConfig | null;
  mailgun: MailgunConfig | null; ses: SesConfig | null;
}

/** `need` throws naming the variable that a half-configured ESP lacks (../config.ts turns it into a start error). */
export function espConfigs(e: Env, need: Need): EspConfigs {
  return { sendgrid: sendgridConfig(e), sparkpost: sparkpostConfig(e), postmark: postmarkConfig(e), mailgun: mailgunConfig(e, need), ses: sesConfig(e) };
}

// Each ESP's reader, built only when it pulls. The AWS SDK is loaded then too: it is a large module that every
// other command (and a server without SES) would otherwise load at start.
const READERS: { [K in EspName]: (c: EspConfigs, retry?: RetryOptions) => EspReader | null | Promise<EspReader | null> } = {
  sendgrid: (c, r) => (c.sendgrid ? sendgridReader(c.sendgrid, r) : null),
  sparkpost: (c, r) => (c.sparkpost ? sparkpostReader(c.sparkpost, r) : null),
  postmark: (c, r) => (c.postmark ? postmarkReader(c.postmark, r) : null),
  mailgun: (c, r) => (c.mailgun ? mailgunReader(c.mailgun, r) : null),
  ses: async (c, r) => {
    if (!c.ses) return null;
    const { sesReader } = await import('./ses/index.ts');
    return sesReader(c.ses, r);
  },
};

/** The configured ESP's reader (retry is for tests: waits they need not sit through). */
export async function espReader(c: EspConfigs, name: EspName, retry?: RetryOptions): Promise<EspReader | null> {
  return READERS[name](c, retry);
}

/** Each configured ESP as a source; its reader is built (and the AWS SDK loaded) only when it pulls. */
export function espSources(c: EspConfigs, retry?: RetryOptions): Source[] {
  return ESP_NAMES.flatMap((name) => {
    const cfg = c[name];
    if (!cfg) return [];
    return [{
      name, schedule: cfg.cron,
      pull: async (ctx: PullContext) => {
        const src = await espReader(c, name, retry);
        if (!src) throw new Error(`${name} is not configured`);
        return summaryLine(name, await runEspPull(ctx, src));
      },
    }];
  });
}
