/** `GET /me` (the user and every integration's accounts) and `PATCH /me` (user metadata). */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { HttpError } from '../http-error.js';
import { presentMe, serializeMe } from '../present.js';
import { listCredentials, listMeRows } from '../store/credentials.js';
import { changeMark, getUserHead, getUserStateVersion, readUserMeta, writeUserMeta } from '../store/users.js';
import { writeForUser } from '../store/write.js';
import { mergeChanges } from '../settings.js';
import { assertWithinSize, audit, type Services } from './context.js';
import { ProjectParams, UpdateMeBody } from './schemas.js';

const MAX_META_BYTES = 16 * 1024;
const CACHED_USERS = 5_000;

interface CachedAnswer {
  version: number;
  /** The store's `changeMark` when this answer was last known current. */
  mark: string | undefined;
  body: Buffer;
}

export async function userRoutes(app: FastifyInstance, { store, cacheUserState }: Services): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  /**
   * `/me` answers, serialized, by user, with the user's state version and the store's change mark
   * when the answer was last known current. The body is kept as UTF-8 bytes, so a hit
   * neither reads the metadata nor encodes 16 KB of text again.
   *
   * A cached answer is served while it is what the store holds. On SQLite, while the mark has not
   * moved (no write of this process since, none of another connection's), that is known without
   * reading a table; otherwise, as on PostgreSQL, the user's state version is read (one
   * primary-key lookup; it grows with every write of the user, on any instance) and compared.
   * Every mark and version is read before the data it vouches for: a write landing in between
   * only makes the entry stale.
   */
  const answers = new Map<string, CachedAnswer>();

  api.get('/projects/:projectId/sdk/me', { schema: { params: ProjectParams } }, async (request, reply) => {
    const { project, user } = request.sdk;
    const key = `${project.id}\u0000${user.userId}`;
    reply.type('application/json; charset=utf-8');
    const mark = cacheUserState ? changeMark(store) : undefined;
    const cached = cacheUserState ? answers.get(key) : undefined;
    if (cached) {
      if (mark !== undefined && mark === cached.mark) return reply.send(cached.body);
      if (cached.version === (await getUserStateVersion(store, user))) {
        cached.mark = mark;
        return reply.send(cached.body);
      }
    }
    const head = await getUserHead(store, user);
    const body = Buffer.from(serializeMe(project, user.userId, await listMeRows(store, user), head?.metaJson ?? '{}'));
    if (head && cacheUserState) {
      answers.delete(key);
      if (answers.size >= CACHED_USERS) answers.delete(answers.keys().next().value!);
      answers.set(key, { version: head.stateVersion, mark, body });
    }
    return reply.send(body);
  });

  api.patch('/projects/:projectId/sdk/me', { schema: { params: ProjectParams, body: UpdateMeBody } }, async (request) => {
    const { project, user } = request.sdk;
    if (Buffer.byteLength(JSON.stringify(request.body.meta)) > MAX_META_BYTES) {
      throw new HttpError(400, ErrorCode.invalidRequest, `meta must be at most ${MAX_META_BYTES} bytes of JSON.`, 'meta');
    }
    return writeForUser(store, user, async (trx) => {
      const meta = mergeChanges(await readUserMeta(trx, user), request.body.meta);
      const json = JSON.stringify(meta);
      assertWithinSize(json, MAX_META_BYTES, 'meta');
      await writeUserMeta(trx, user, json);
      await audit(trx, request, { action: 'user.meta.update', outcome: 'ok', detail: { keys: Object.keys(request.body.meta) } });
      return presentMe(project, await listCredentials(trx, user), meta);
    });
  });
}
