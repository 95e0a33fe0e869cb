// /api/alerts (firing alerts and recent notifications), /api/alerts/rules (admins manage), /api/alerts/channels
// (where notifications can go), /api/outbox.
import { z } from 'zod';
import { alertNotification, alertRule, alertRuleCreate, alertRuleUpdate, alertStateRow, channelInfo, outboxItem } from '#shared/schema/alerts.ts';
import { requireRole } from '../../auth.ts';
import type { Services } from '../../context.ts';
import { channelsOf, createRule, removeRule, updateRule } from '../../services/alert-rules.ts';
import { alertsOverview, listOutbox, listRules, RECENT_LIMIT } from '../../services/alerts.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().min(1).max(64) });
const limit = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(RECENT_LIMIT) });

const alerts = apiRoute({
  method: 'get', path: '/api/alerts', operationId: 'listAlerts', tags: ['alerts'], summary: 'Firing alerts and recent notifications with delivery status',
  request: { query: limit },
  responses: { 200: { description: 'Alerts', ...json(z.object({ firing: z.array(alertStateRow), notifications: z.array(alertNotification) })) }, ...errorResponses },
});
const rules = apiRoute({
  method: 'get', path: '/api/alerts/rules', operationId: 'listAlertRules', tags: ['alerts'], summary: 'Alert rules',
  responses: { 200: { description: 'Rules, built-in first', ...json(z.object({ rules: z.array(alertRule) })) }, ...errorResponses },
});
const create = apiRoute({
  method: 'post', path: '/api/alerts/rules', operationId: 'createAlertRule', tags: ['alerts'], summary: 'Create an alert rule (admin)',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, ...json(alertRuleCreate) } },
  responses: { 201: { description: 'The rule', ...json(alertRule) }, ...errorResponses },
});
const update = apiRoute({
  method: 'patch', path: '/api/alerts/rules/{id}', operationId: 'updateAlertRule', tags: ['alerts'], summary: 'Change an alert rule (admin)',
  middleware: [requireRole('admin')] as const,
  request: { params: idParam, body: { required: true, ...json(alertRuleUpdate) } },
  responses: { 200: { description: 'The rule', ...json(alertRule) }, ...errorResponses, ...notFound },
});
const remove = apiRoute({
  method: 'delete', path: '/api/alerts/rules/{id}', operationId: 'deleteAlertRule', tags: ['alerts'], summary: 'Delete an alert rule (admin)',
  middleware: [requireRole('admin')] as const,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...notFound },
});
const channels = apiRoute({
  method: 'get', path: '/api/alerts/channels', operationId: 'listAlertChannels', tags: ['alerts'], summary: 'Alert channels and whether each is configured',
  responses: { 200: { description: 'email, webhook, slack', ...json(z.object({ channels: z.array(channelInfo) })) }, ...errorResponses },
});
const outbox = apiRoute({
  method: 'get', path: '/api/outbox', operationId: 'listOutbox', tags: ['alerts'], summary: 'Emails and their delivery status',
  request: { query: limit },
  responses: { 200: { description: 'Newest first', ...json(z.object({ messages: z.array(outboxItem) })) }, ...errorResponses },
});

export function alertRoutes(s: Services) {
  return router()
    .openapi(alerts, async (c) => c.json(await alertsOverview(s.db, c.req.valid('query').limit), 200))
    .openapi(rules, async (c) => c.json({ rules: await listRules(s.db) }, 200))
    .openapi(channels, (c) => c.json({ channels: channelsOf(s.config) }, 200))
    .openapi(create, async (c) => c.json(await createRule(s.db, c.req.valid('json'), s.config), 201))
    .openapi(update, async (c) => c.json(await updateRule(s.db, c.req.valid('param').id, c.req.valid('json'), s.config), 200))
    .openapi(remove, async (c) => {
      await removeRule(s.db, c.req.valid('param').id);
      return c.body(null, 204);
    })
    .openapi(outbox, async (c) => c.json({ messages: await listOutbox(s.db, c.req.valid('query').limit) }, 200));
}
