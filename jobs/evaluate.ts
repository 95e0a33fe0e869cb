// The evaluate job: every EVALUATE_CRON, every open incident and those still in their monitoring window.
import type { Services } from '../server/context.ts';
import { evaluateDue } from '../server/services/recovery.ts';
import type { Job } from './registry.ts';

export function evaluateJob(s: Services): Job {
  return {
    name: 'evaluate',
    schedule: s.config.evaluateCron,
    run: async () => {
      const r = await evaluateDue(s);
      const statuses = r.evaluated.map((e) => `${e.id} ${e.status}`).join(', ');
      if (r.failed.length > 0) {
        throw new Error(`${r.failed.length} incident(s) failed (${r.failed.map((f) => `${f.id}: ${f.error}`).join('; ')}); evaluated ${r.evaluated.length}`);
      }
      if (r.watchError) throw new Error(`the watch failed (${r.watchError}); evaluated ${r.evaluated.length} incident(s)`);
      const watch = r.watch ? `; watched ${r.watch.watched} series, ${r.watch.open.length} open suspect(s)${r.watch.raised.length ? ` (new: ${r.watch.raised.join(', ')})` : ''}` : '';
      const mail = r.alerts.notifications ? `; ${r.alerts.notifications} alert change(s), ${r.alerts.emails} email(s) and ${r.alerts.posts} webhook/Slack post(s) queued, ${r.delivery.sent} sent, ${r.delivery.retrying} retrying` : '';
      return `evaluated ${r.evaluated.length} incident(s)${statuses ? `: ${statuses}` : ''}${watch}${mail}`;
    },
  };
}
