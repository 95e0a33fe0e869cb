// Delivers the outbox every minute: retries after an SMTP or receiver outage happen here, with the backoff the
// outbox keeps (or the Retry-After a webhook receiver asked for).
import type { Services } from '../server/context.ts';
import { deliverDue } from '../server/notify/outbox.ts';
import type { Job } from './registry.ts';

// Every minute: the backoff decides when each message is due; this is only how often we look.
const SCHEDULE = '* * * * *';

export function deliverOutboxJob(s: Services): Job {
  return {
    name: 'deliver-outbox',
    schedule: SCHEDULE,
    run: async () => {
      const r = await deliverDue(s);
      return `sent ${r.sent}, retrying ${r.retrying}, failed permanently ${r.failed}`;
    },
  };
}
