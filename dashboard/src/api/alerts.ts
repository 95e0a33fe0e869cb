// The alerts endpoints (server/routes/alerts): what is firing, the notifications and their emails, and the rules
// admins manage. One query hook per endpoint, every input in its key; types from shared/schema/alerts.ts.
import type { AlertNotification, AlertRule, AlertRuleCreate, AlertRuleUpdate, AlertStateRow, ChannelInfo, OutboxItem } from '#shared/schema/alerts.ts';
import { api, ok } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

export function useAlertsQuery(limit: number): QueryState<{ firing: AlertStateRow[]; notifications: AlertNotification[] }> {
  return useQuery(['alerts', 'state', limit], (signal) => ok(api.GET('/api/alerts', { params: { query: { limit } }, signal })));
}

export function useOutboxQuery(limit: number): QueryState<{ messages: OutboxItem[] }> {
  return useQuery(['alerts', 'outbox', limit], (signal) => ok(api.GET('/api/outbox', { params: { query: { limit } }, signal })));
}

export function useAlertRulesQuery(): QueryState<{ rules: AlertRule[] }> {
  return useQuery(['alerts', 'rules'], (signal) => ok(api.GET('/api/alerts/rules', { signal })));
}

export function useAlertChannelsQuery(): QueryState<{ channels: ChannelInfo[] }> {
  return useQuery(['alerts', 'channels'], (signal) => ok(api.GET('/api/alerts/channels', { signal })));
}

export async function createAlertRule(body: AlertRuleCreate): Promise<AlertRule> {
  const rule = await ok(api.POST('/api/alerts/rules', { body }));
  invalidate(['alerts', 'rules']);
  return rule;
}

export async function updateAlertRule(id: string, patch: AlertRuleUpdate): Promise<AlertRule> {
  const rule = await ok(api.PATCH('/api/alerts/rules/{id}', { params: { path: { id } }, body: patch }));
  invalidate(['alerts', 'rules']);
  return rule;
}

export async function deleteAlertRule(id: string): Promise<void> {
  await api.DELETE('/api/alerts/rules/{id}', { params: { path: { id } } });
  invalidate(['alerts', 'rules']);
}
