/**
 * The file picker's routes, for the account named by `X-Paragon-Credential` (else the user's first
 * VALID one of that integration):
 * - `GET /projects/:projectId/sdk/files/:integration?folderId&search&cursor`: one page of a
 *   folder (the root when no `folderId`), or of a search.
 * - `POST /projects/:projectId/sdk/files/:integration/selection { items: [{ id, isFolder }] }`:
 *   the chosen items, each read again as that account, so `onFileSelect` gets only what the
 *   account can read, described by its API rather than by the browser.
 * - `POST /projects/:projectId/sdk/files/:integration/vendor-token`: for an integration whose config
 *   allows the vendor's own picker (`files.vendorPicker`), a token of only those scopes, exchanged
 *   at the provider for the account's: the one token this server ever lets reach a browser.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { MAX_SELECTED_FILES, type FileListPage, type FileSelectionResponse, type VendorPickerToken } from '../../../protocol/src/files.js';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { HttpError } from '../http-error.js';
import { audit, requireIntegration, resolveCredential, type Services } from '../routes/context.js';
import { IntegrationParams, PRINTABLE } from '../routes/schemas.js';
import { accountValues, describeSelection, listFiles, requireFiles } from './files.js';

/** An id as a storage API writes it: printable, any punctuation (Dropbox's `id:…`, OneDrive's `…!123`). */
const StorageId = Type.String({ minLength: 1, maxLength: 1000, pattern: PRINTABLE });

const ListQuery = Type.Object(
  {
    folderId: Type.Optional(StorageId),
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: PRINTABLE })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const SelectionBody = Type.Object(
  {
    items: Type.Array(Type.Object({ id: StorageId, isFolder: Type.Boolean() }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_SELECTED_FILES,
    }),
  },
  { additionalProperties: false },
);

export function filePickerRoutes(app: FastifyInstance, { store, upstream, tokens }: Services): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The integration named in the path, its `files`, and the account the request names (else the first VALID one). */
  async function browsing(request: FastifyRequest, integrationType: string, action: string) {
    const integration = requireIntegration(request.sdk.project, integrationType, 'integration');
    const files = requireFiles(integration);
    const { credential } = await resolveCredential(store, request, action, integration);
    return { integration, files, credential, account: accountValues(credential.provider_data) };
  }

  api.get(
    '/projects/:projectId/sdk/files/:integration',
    { schema: { params: IntegrationParams, querystring: ListQuery } },
    async (request): Promise<FileListPage> => {
      const { files, credential, account } = await browsing(request, request.params.integration, 'files.list');
      return listFiles(upstream, request.sdk.user, credential, files, request.query, account);
    },
  );
  api.post(
    '/projects/:projectId/sdk/files/:integration/selection',
    { schema: { params: IntegrationParams, body: SelectionBody } },
    async (request): Promise<FileSelectionResponse> => {
      const { files, credential, account } = await browsing(request, request.params.integration, 'files.select');
      return { files: await describeSelection(upstream, request.sdk.user, credential, files, request.body.items, account) };
    },
  );
  api.post(
    '/projects/:projectId/sdk/files/:integration/vendor-token',
    { schema: { params: IntegrationParams } },
    async (request, reply): Promise<VendorPickerToken> => {
      const { integration, files, credential } = await browsing(request, request.params.integration, 'files.vendor-token');
      if (!files.vendorPicker) {
        throw new HttpError(
          404,
          ErrorCode.notFound,
          `${integration.name} does not allow its vendor's file picker: its "files" config has no "vendorPicker".`,
        );
      }
      const token = await tokens.narrowed(request.sdk.user, credential.id, files.vendorPicker.scopes);
      // A token that leaves the server: who got one, for which account, of which scopes (never the token).
      await audit(store, request, { action: 'files.vendor-token', target: credential.id, outcome: 'ok', detail: { scopes: token.scopes } });
      void reply.header('Cache-Control', 'no-store');
      return { ...token, credentialId: credential.id };
    },
  );
}
