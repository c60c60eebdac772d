/** `GET /me` (the user and every integration's accounts) and `PATCH /me` (user metadata). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { presentMe } from '../present.js';
import { listCredentials } from '../store/credentials.js';
import { getUserMeta, mergeUserMeta } from '../store/users.js';
import { audit, type Services } from './context.js';
import { ProjectParams, UpdateMeBody } from './schemas.js';

const MAX_META_BYTES = 16 * 1024;

export async function userRoutes(app: FastifyInstance, { store }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get('/projects/:projectId/sdk/me', { schema: { params: ProjectParams } }, async (request) => {
    const { project, user } = request.sdk;
    const [rows, meta] = await Promise.all([listCredentials(store, user), getUserMeta(store, user)]);
    return presentMe(project, rows, meta);
  });

  api.patch('/projects/:projectId/sdk/me', { schema: { params: ProjectParams, body: UpdateMeBody } }, async (request, reply) => {
    const { project, user } = request.sdk;
    if (JSON.stringify(request.body.meta).length > MAX_META_BYTES) {
      return reply.code(400).send({ error: { code: 'invalid_request', message: `meta must be at most ${MAX_META_BYTES} bytes of JSON.`, field: 'meta' } });
    }
    const meta = await mergeUserMeta(store, user, request.body.meta);
    await audit(store, request, { action: 'user.meta.update', outcome: 'ok', detail: { keys: Object.keys(request.body.meta) } });
    return presentMe(project, await listCredentials(store, user), meta);
  });
}
