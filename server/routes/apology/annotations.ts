// /api/incidents/:id/annotations (docs/incidents.md): timeline annotations — campaign paused, apology sent, provider ticket,
// fix deployed — that the dashboard draws on every recovery chart of the incident. Writes need the editor role
// (the default for non-GET methods, see auth.ts).
import { z } from 'zod';
import { annotation, annotationCreate, annotationList } from '#shared/schema/annotations.ts';
import type { Services } from '../../context.ts';
import { addAnnotation, ANNOTATION_INPUTS, annotationsOf, removeAnnotation } from '../../services/annotations.ts';
import { cachedJson } from '../cached.ts';
import { apiRoute, errorResponses, notFound, router } from '../openapi.ts';

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().min(1).max(64) });

const list = apiRoute({
  method: 'get', path: '/api/incidents/{id}/annotations', operationId: 'listAnnotations', tags: ['annotations'], summary: "An incident's timeline annotations, in time order",
  request: { params: idParam },
  responses: { 200: { description: 'Annotations, oldest first', ...json(annotationList) }, ...errorResponses, ...notFound },
});
const create = apiRoute({
  method: 'post', path: '/api/incidents/{id}/annotations', operationId: 'createAnnotation', tags: ['annotations'], summary: 'Add a timeline annotation (editor)',
  request: { params: idParam, body: { required: true, ...json(annotationCreate) } },
  responses: { 201: { description: 'The annotation, with its id', ...json(annotation) }, ...errorResponses, ...notFound },
});
const remove = apiRoute({
  method: 'delete', path: '/api/incidents/{id}/annotations/{annotationId}', operationId: 'deleteAnnotation', tags: ['annotations'], summary: 'Delete a timeline annotation (editor)',
  request: { params: idParam.extend({ annotationId: z.string().min(1).max(64) }) },
  responses: { 204: { description: 'Deleted' }, ...errorResponses, ...notFound },
});

export function annotationRoutes(s: Services) {
  return router()
    .openapi(list, (c) => {
      const { id } = c.req.valid('param');
      return cachedJson(c, s, `annotations:${id}`, ANNOTATION_INPUTS, async () => ({ annotations: await annotationsOf(s.db, id) }));
    })
    .openapi(create, async (c) => c.json(await addAnnotation(s.db, c.req.valid('param').id, c.req.valid('json')), 201))
    .openapi(remove, async (c) => {
      const { id, annotationId } = c.req.valid('param');
      await removeAnnotation(s.db, id, annotationId);
      return c.body(null, 204);
    });
}
