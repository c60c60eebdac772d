/**
 * `POST /projects/:projectId/sdk/actions`, as Paragon's `getFieldOptions` sends it:
 * `{ action: <integration>, sourceKey, parameters: [{ key, source: { value } }], paginationParameters: { pageCursor, search } }`
 * → `{ output: { records: [{ label, value }], nextPageCursor } }`, read from the account named by
 * `X-Paragon-Credential` (else the user's first VALID one).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requireIntegration, resolveCredential, type Services } from '../routes/context.js';
import { Id, ProjectParams } from '../routes/schemas.js';
import { loadOptions, requireDataSource, type OptionsPage } from './data-sources.js';

const Parameter = Type.Object(
  {
    key: Type.String({ minLength: 1, maxLength: 100 }),
    source: Type.Object({ value: Type.Optional(Type.Unknown()) }, { additionalProperties: true }),
  },
  { additionalProperties: true },
);

const ActionBody = Type.Object(
  {
    action: Id,
    sourceKey: Id,
    parameters: Type.Optional(Type.Array(Parameter, { maxItems: 20 })),
    paginationParameters: Type.Optional(
      Type.Object(
        {
          pageCursor: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Null()])),
          search: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function dataSourceRoutes(app: FastifyInstance, { store, upstream }: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post(
    '/projects/:projectId/sdk/actions',
    { schema: { params: ProjectParams, body: ActionBody } },
    async (request): Promise<{ output: OptionsPage }> => {
      const { action, sourceKey, parameters = [], paginationParameters = {} } = request.body;
      const integration = requireIntegration(request.sdk.project, action, 'action');
      const source = requireDataSource(integration, sourceKey);
      const { credential } = await resolveCredential(store, request, 'data-source.options', integration);
      const { pageCursor, search } = paginationParameters;
      const output = await loadOptions(upstream, request.sdk.user, credential, source, {
        search: search || undefined,
        // Paragon's SDK sends 0 for the first page.
        cursor: typeof pageCursor === 'string' && pageCursor !== '' ? pageCursor : undefined,
        parameters: Object.fromEntries(
          parameters.flatMap(({ key, source: given }) =>
            typeof given.value === 'string' || typeof given.value === 'number' ? [[key, String(given.value)]] : [],
          ),
        ),
      });
      return { output };
    },
  );
}
