// Shared pieces for route modules: the app type, a validation hook that throws the API's error shape, and the
// OpenAPI description's common parts (docs/api.md): every operation named and with its authentication stated.
import { createRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import { apiError } from '#shared/schema/api-error.ts';
import type { AuthEnv } from '../auth.ts';
import type { Config } from '../config.ts';
import { ApiError } from '../errors.ts';

export type RouterEnv = AuthEnv;

export function router(): OpenAPIHono<RouterEnv> {
  return new OpenAPIHono<RouterEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.fromZod(result.error as z.ZodError, result.target);
    },
  });
}

/** An operation authenticated by a bearer token (the default). */
export const BEARER = [{ bearer: [] }];
/** An operation anyone may call: the health check, and ESP webhooks (which carry the ESP's own signature). */
export const NO_TOKEN = [];

/**
 * A route's definition for the app and its OpenAPI description. The operationId is required (a generated client
 * names its methods by it) and security is stated per operation, bearer unless the route says otherwise, so a
 * client generator or a Postman import knows which calls need a token.
 */
export const apiRoute = <P extends string, R extends Omit<RouteConfig, 'path'> & { path: P; operationId: string }>(route: R) =>
  createRoute<P, R>({ security: BEARER, ...route });

/** The error responses every route can give, for the OpenAPI description. */
export const errorResponses = {
  400: { description: 'Bad input; the field is named', content: { 'application/json': { schema: apiError } } },
  401: { description: 'Missing or wrong token', content: { 'application/json': { schema: apiError } } },
  403: { description: 'Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site', content: { 'application/json': { schema: apiError } } },
  507: { description: 'The disk holding the store is full; nothing was stored', content: { 'application/json': { schema: apiError } } },
} as const;

export const notFound = { 404: { description: 'Not found', content: { 'application/json': { schema: apiError } } } } as const;

export const OPENAPI_PATH = '/api/openapi.json';

// A server bound to every interface is reached by some name of the host; "localhost" is the default a user edits.
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/** Serves the description at /api/openapi.json: the routes' definitions plus servers and security schemes. */
export function serveDescription(app: OpenAPIHono<RouterEnv>, config: Pick<Config, 'host' | 'port'>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http', scheme: 'bearer',
    description: 'A token from REBOUND_TOKENS; its role (viewer, editor, admin) decides what it may do (docs/api.md). A local server (no REBOUND_TOKENS, loopback only) treats every caller as admin and needs none.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'ticket', {
    type: 'apiKey', in: 'query', name: 'ticket',
    description: 'A one-minute ticket from POST /api/events/ticket, for the event stream only: a browser EventSource cannot send an Authorization header.',
  });
  const host = WILDCARD_HOSTS.has(config.host) ? 'localhost' : config.host;
  app.doc31(OPENAPI_PATH, {
    openapi: '3.1.0',
    info: { title: 'Rebound API', version: '0.1.0', description: 'Deliverability post-incident monitor. Errors: { error: { code, message, details } }; conventions, roles and errors in docs/api.md.' },
    servers: [{
      url: 'http://{host}:{port}', description: 'A Rebound server (`rebound serve`); behind a TLS proxy, use its https address',
      variables: { host: { default: host }, port: { default: String(config.port) } },
    }],
  });
}
