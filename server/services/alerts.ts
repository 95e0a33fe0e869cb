// Firing alerts and the notifications they sent, as the API (GET /api/alerts) and `rebound alerts list` give them:
// one home for what is listed and how many, so the two cannot drift apart.
import type { AlertNotification, AlertStateRow } from '#shared/schema/alerts.ts';
import type { Db } from '../store/db.ts';
import { firingStates, recentNotifications } from '../store/alerts.ts';

/** How many notifications (and outbox messages) a listing gives unless asked for another number. */
export const RECENT_LIMIT = 100;

export interface AlertsOverview { firing: AlertStateRow[]; notifications: AlertNotification[] }

export async function alertsOverview(db: Db, limit: number = RECENT_LIMIT): Promise<AlertsOverview> {
  return { firing: await firingStates(db), notifications: await recentNotifications(db, limit) };
}

// The rules and the outbox are read as the store keeps them (see store-state.ts for why a service re-exports).
export { listRules } from '../store/alerts.ts';
export { listOutbox } from '../store/outbox.ts';
