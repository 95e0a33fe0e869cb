// The alerts endpoints (server/routes/alerts): what is firing, the notifications and their emails, and the rules
// admins manage. One query hook per endpoint, every input in its key; types from shared/schema/alerts.ts.
import type { AlertNotification, AlertRule, AlertRuleCreate, AlertRuleUpdate, AlertStateRow, ChannelInfo, OutboxItem } from '#shared/schema/alerts.ts';
import { apiRequest } from './client.ts';
import { invalidate, useQuery, type QueryState } from './query.ts';

const enc = encodeURIComponent;

export function useAlertsQuery(limit: number): QueryState<{ firing: AlertStateRow[]; notifications: AlertNotification[] }> {
  return useQuery(['alerts', 'state', limit], (signal) =>
    apiRequest<{ firing: AlertStateRow[]; notifications: AlertNotification[] }>(`/api/alerts?limit=${limit}`, { signal }));
}

export function useOutboxQuery(limit: number): QueryState<{ messages: OutboxItem[] }> {
  return useQuery(['alerts', 'outbox', limit], (signal) => apiRequest<{ messages: OutboxItem[] }>(`/api/outbox?limit=${limit}`, { signal }));
}

export function useAlertRulesQuery(): QueryState<{ rules: AlertRule[] }> {
  return useQuery(['alerts', 'rules'], (signal) => apiRequest<{ rules: AlertRule[] }>('/api/alerts/rules', { signal }));
}

export function useAlertChannelsQuery(): QueryState<{ channels: ChannelInfo[] }> {
  return useQuery(['alerts', 'channels'], (signal) => apiRequest<{ channels: ChannelInfo[] }>('/api/alerts/channels', { signal }));
}

export async function createAlertRule(body: AlertRuleCreate): Promise<AlertRule> {
  const rule = await apiRequest<AlertRule>('/api/alerts/rules', { method: 'POST', body });
  invalidate(['alerts', 'rules']);
  return rule;
}

export async function updateAlertRule(id: string, patch: AlertRuleUpdate): Promise<AlertRule> {
  const rule = await apiRequest<AlertRule>(`/api/alerts/rules/${enc(id)}`, { method: 'PATCH', body: patch });
  invalidate(['alerts', 'rules']);
  return rule;
}

export async function deleteAlertRule(id: string): Promise<void> {
  await apiRequest<null>(`/api/alerts/rules/${enc(id)}`, { method: 'DELETE' });
  invalidate(['alerts', 'rules']);
}
