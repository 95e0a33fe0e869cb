// Shared pieces for route modules: the app type, and a validation hook that throws the API's error shape.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { apiError } from '../../shared/schema/api-error.ts';
import type { AuthEnv } from '../auth.ts';
import { ApiError } from '../errors.ts';

export type RouterEnv = AuthEnv;

export function router(): OpenAPIHono<RouterEnv> {
  return new OpenAPIHono<RouterEnv>({
    defaultHook: (result) => {
      if (!result.success) throw ApiError.fromZod(result.error as z.ZodError, result.target);
    },
  });
}

/** The error responses every route can give, for the OpenAPI description. */
export const errorResponses = {
  400: { description: 'Bad input; the field is named', content: { 'application/json': { schema: apiError } } },
  401: { description: 'Missing or wrong token', content: { 'application/json': { schema: apiError } } },
  403: { description: 'Role too low; or, in local mode, a Host that is not a loopback name or a request from another web site', content: { 'application/json': { schema: apiError } } },
  507: { description: 'The disk holding the store is full; nothing was stored', content: { 'application/json': { schema: apiError } } },
} as const;

export const notFound = { 404: { description: 'Not found', content: { 'application/json': { schema: apiError } } } } as const;
