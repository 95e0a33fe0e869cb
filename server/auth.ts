// Bearer tokens with roles (docs/api.md): viewers read, editors also write, admins also manage rules and sources.
// Without configured tokens the server only listens on loopback and every caller is an admin.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { Role, Token } from './config.ts';
import { ApiError } from './errors.ts';
import { verifyTicket } from './live/ticket.ts';

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
export type AuthEnv = { Variables: { role: Role } };

// Hashing both sides first gives equal-length buffers, so the comparison time says nothing about the token.
const digest = (s: string) => createHash('sha256').update(s).digest();

export function roleForToken(tokens: readonly Token[], presented: string): Role | null {
  const d = digest(presented);
  let found: Role | null = null;
  // Every token is compared, so timing does not reveal which (or whether an early) entry matched.
  for (const t of tokens) if (timingSafeEqual(d, digest(t.token)) && (!found || RANK[t.role] > RANK[found])) found = t.role;
  return found;
}

/** The role a request method needs by default: reads for viewers, writes for editors. */
export function defaultRole(method: string): Role {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? 'viewer' : 'editor';
}

// ESP webhooks (POST /api/webhooks/:esp) are called by SendGrid, SNS, Mailgun and SparkPost, which cannot send a
// Rebound bearer token. Their own signature check (server/ingest/webhooks/) is their authentication, and an
// ESP whose key is not configured answers 404, so this exemption never admits unsigned data. Only this exact
// method and path shape is exempt; every other /api route still needs a token.
const WEBHOOK_PATH = /^\/api\/webhooks\/[a-z0-9_-]+$/;
export function isWebhookDelivery(method: string, path: string): boolean {
  return method === 'POST' && WEBHOOK_PATH.test(path);
}

// Load balancers and uptime checks carry no token. The health answer says only "ok" (server/routes/health), so
// it is served to anyone, with or without a token, good or bad; nothing else is.
export function isHealthCheck(method: string, path: string): boolean {
  return (method === 'GET' || method === 'HEAD') && path === '/api/health';
}

// The live event stream is read by the browser's EventSource, which cannot send an Authorization header: it may
// present a short-lived ticket instead (server/live/ticket.ts), which only this exact route accepts. Asking for a
// ticket is a POST that any role may make, since the stream is a read.
export const EVENT_STREAM_PATH = '/api/events/stream';
export const EVENT_TICKET_PATH = '/api/events/ticket';

/**
 * @param tokens configured tokens, or null for local use (every caller admin)
 * @param localToken the credential the server leaves beside the store for the CLI on this machine (admin)
 */
export function authenticate(tokens: readonly Token[] | null, localToken: string | null): MiddlewareHandler<AuthEnv> {
  const all: Token[] = [...(tokens ?? []), ...(localToken ? [{ role: 'admin' as const, token: localToken }] : [])];
  return async (c, next) => {
    if (!tokens) {
      c.set('role', 'admin');
      return next();
    }
    if (isHealthCheck(c.req.method, c.req.path)) {
      c.set('role', 'viewer');
      return next();
    }
    if (isWebhookDelivery(c.req.method, c.req.path)) {
      // The lowest role: the webhook route checks the ESP's signature itself, and the role opens nothing else.
      c.set('role', 'viewer');
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    if (!header && c.req.method === 'GET' && c.req.path === EVENT_STREAM_PATH) {
      const ticketRole = verifyTicket(c.req.query('ticket'), new Date());
      if (!ticketRole) throw new ApiError('unauthorized', `the event stream needs a bearer token or a valid ticket (?ticket= from POST ${EVENT_TICKET_PATH}; a ticket lasts a minute)`);
      c.set('role', ticketRole);
      return next();
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new ApiError('unauthorized', 'a bearer token is required (Authorization: Bearer <token>)');
    const role = roleForToken(all, match[1]);
    if (!role) throw new ApiError('unauthorized', 'the bearer token is not valid');
    c.set('role', role);
    return next();
  };
}

export function requireRole(role: Role): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (RANK[c.get('role')] < RANK[role]) throw new ApiError('forbidden', `this needs the ${role} role; the token has ${c.get('role')}`);
    return next();
  };
}

/** Applies the default role for the method; routes that need admin add requireRole('admin') themselves. */
export const requireMethodRole: MiddlewareHandler<AuthEnv> = async (c, next) => {
  if (isWebhookDelivery(c.req.method, c.req.path)) return next();
  const role = c.req.method === 'POST' && c.req.path === EVENT_TICKET_PATH ? 'viewer' : defaultRole(c.req.method);
  return requireRole(role)(c, next);
};
