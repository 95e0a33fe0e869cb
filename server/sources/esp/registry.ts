// The ESP metrics pulls, in one list: their environment variables (merged into config.ts's schema, so a bad
// value stops the start naming the variable), their configuration, and the pull each configured one runs.
// Adding an ESP is a folder with config.ts, parse.ts and index.ts, and one line in each list below.
import type { z } from 'zod';
import type { Services } from '../../context.ts';
import type { RetryOptions } from '../../http/retry.ts';
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

// Each ESP's source, built only when it runs. The AWS SDK is loaded then too: it is a large module that every
// other command (and a server without SES) would otherwise load at start.
const SOURCES: { [K in EspName]: (c: EspConfigs, retry?: RetryOptions) => EspSource | null | Promise<EspSource | null> } = {
  sendgrid: (c, r) => (c.sendgrid ? sendgridSource(c.sendgrid, r) : null),
  sparkpost: (c, r) => (c.sparkpost ? sparkpostSource(c.sparkpost, r) : null),
  postmark: (c, r) => (c.postmark ? postmarkSource(c.postmark, r) : null),
  mailgun: (c, r) => (c.mailgun ? mailgunSource(c.mailgun, r) : null),
  ses: async (c, r) => {
    if (!c.ses) return null;
    const { sesSource } = await import('./ses/index.ts');
    return sesSource(c.ses, r);
  },
};

/** The configured ESP's source (retry is for tests: waits they need not sit through). */
export async function espSource(c: EspConfigs, name: EspName, retry?: RetryOptions): Promise<EspSource | null> {
  return SOURCES[name](c, retry);
}

export interface EspPullDef { name: EspName; schedule: string; run: () => Promise<string> }

export function espPulls(s: Services, retry?: RetryOptions): EspPullDef[] {
  const c = s.config.sources.esp;
  return ESP_NAMES.flatMap((name) => {
    const cfg = c[name];
    if (!cfg) return [];
    return [{
      name, schedule: cfg.cron,
      run: async () => {
        const src = await espSource(c, name, retry);
        if (!src) throw new Error(`${name} is not configured`);
        return summaryLine(name, await runEspPull(s, src));
      },
    }];
  });
}
