/**
 * OAuth 2.0 install flows, completed on the server so that they finish whatever the browser does
 * (an opener severed by COOP, storage partitioned in a third-party frame, a window closed early):
 *
 * 1. The portal asks for a flow: `POST /projects/:projectId/sdk/oauth/flows` (user token), with
 *    the account type, the pre-install values and install options. Nothing is sent anywhere yet.
 * 2. The sign-in window, opened in the user's click, loads `/oauth/start/:flowId` once: this sets
 *    a cookie binding the window's browser to the user, and redirects to the provider with a
 *    state (derived from the flow id with the server's key) and a PKCE challenge.
 * 3. The provider redirects to `/oauth/callback`. The state is used once, must be presented with
 *    the binding cookie of the flow's user, and the code is exchanged here, with the client
 *    secret and the PKCE verifier; the account is identified and connected; the flow ends.
 * 4. The portal learns the outcome from `GET …/oauth/flows/:flowId?wait=25` (a long poll), never
 *    from a message of the window.
 *
 * Paragon's own SDK starts the same flows through its paths (`build-oauth`, the `oauth-nonce`
 * page, `session-id` polling), served here too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorCode } from '../../../protocol/src/errors.js';
import type { ConnectInputValue } from '../../../protocol/src/inputs.js';
import type { OAuthFlowState } from '../../../protocol/src/rest.js';
import { fillTemplate } from '../accounts/account-info.js';
import { findAccountType, preInstallInputsOf } from '../config/integration.js';
import { HttpError } from '../http-error.js';
import { validateInstallValues } from '../settings.js';
import { recordAudit } from '../store/audit.js';
import type { VerifiedUser } from '../tokens.js';
import { findProject, requireAccountType, requireCredential, requireIntegration, type Services } from '../routes/context.js';
import { ProjectParams } from '../routes/schemas.js';
import { authorizationUrl, endpointsFor, OAuthError, randomToken, sha256 } from './broker.js';
import { connectWithCode, oauthAuth } from './connect-with-code.js';
import { createFlow, findFlow, findFlowByState, findUserFlow, isEnded, moveFlow, type OAuthFlowRow } from './flows.js';
import { sendWindowPage, WINDOW_SCRIPT, WINDOW_SCRIPT_PATH, WINDOW_STYLES, WINDOW_STYLES_PATH } from './pages.js';

const BINDING_COOKIE = 'connect_oauth_binding';
/** The longest long poll; the portal asks again after it. */
const MAX_WAIT_SECONDS = 25;
const POLL_INTERVAL_MS = 250;

const InstallOptions = Type.Object(
  {
    selectedCredentialId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    allowMultipleCredentials: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const CreateFlowBody = Type.Object(
  {
    integrationId: Type.String({ minLength: 1, maxLength: 255 }),
    accountType: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    preOptions: Type.Optional(Type.Record(Type.String({ maxLength: 128 }), Type.Unknown(), { maxProperties: 50 })),
    installOptions: Type.Optional(InstallOptions),
  },
  { additionalProperties: false },
);

const FlowParams = Type.Object({ projectId: ProjectParams.properties.projectId, flowId: Type.String({ minLength: 1, maxLength: 64 }) });

/** The origin the provider sends the browser back to: the config's `publicUrl`, else this request's. */
export function publicOrigin({ config }: Pick<Services, 'config'>, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** A flow as the API shows it: never its state, verifier or values. */
function presentFlow(flow: OAuthFlowRow, startUrl?: string): OAuthFlowState {
  const expired = !isEnded(flow.status) && Date.parse(flow.expires_at) <= Date.now();
  return {
    id: flow.id,
    integrationType: flow.integration_type,
    status: expired ? 'failed' : flow.status,
    ...(startUrl && flow.status === 'created' ? { startUrl } : {}),
    ...(flow.credential_id ? { credentialId: flow.credential_id } : {}),
    ...(expired
      ? { error: { code: ErrorCode.oauthExpired, message: 'The sign-in took too long and expired; start again.' } }
      : flow.error_code
        ? { error: { code: flow.error_code, message: flow.error_message ?? '' } }
        : {}),
    expiresAt: flow.expires_at,
  };
}

export function oauthApiRoutes(app: FastifyInstance, services: Services): void {
  const { store, secrets } = services;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The state sent to the provider: a keyed hash of the flow id, so it need not be stored. */
  const stateOf = (flowId: string) => secrets.fingerprint(`oauth-state\u0000${flowId}`);

  async function newFlow(
    request: FastifyRequest,
    input: {
      integrationId: string;
      accountType?: string;
      preOptions?: Record<string, unknown>;
      installOptions?: { selectedCredentialId?: string; externalId?: string };
      metaKey?: string;
    },
  ): Promise<OAuthFlowRow> {
    const { project, user } = request.sdk;
    const integration = requireIntegration(project, input.integrationId, 'integrationId');
    const auth = oauthAuth(integration);
    const { selectedCredentialId, externalId } = input.installOptions ?? {};
    if (externalId && selectedCredentialId) {
      throw new HttpError(
        400,
        ErrorCode.invalidRequest,
        'externalId labels a new credential; it cannot be combined with selectedCredentialId.',
        'installOptions.externalId',
      );
    }
    if (selectedCredentialId) {
      const { credential } = await requireCredential(store, request, 'oauth.start', selectedCredentialId, 'installOptions.selectedCredentialId');
      if (credential.integration_type !== integration.type) {
        throw new HttpError(
          400,
          ErrorCode.invalidRequest,
          `Credential "${selectedCredentialId}" is not a ${integration.name} account.`,
          'installOptions.selectedCredentialId',
        );
      }
    }
    const accountType = requireAccountType(integration, input.accountType, 'accountType');
    const values = validateInstallValues(preInstallInputsOf(integration, accountType), input.preOptions ?? {}, integration.name, 'preOptions');
    // Fill the provider's URLs now, so that a value that cannot go in them is refused before any window opens.
    const endpoints = endpointsFor(auth, accountType);
    fillTemplate(endpoints.authorizationUrl, values);
    fillTemplate(endpoints.tokenUrl, values);
    const id = randomToken();
    return createFlow(store, {
      id,
      project_id: project.id,
      user_id: user.userId,
      integration_type: integration.type,
      account_type: accountType.id,
      state_hash: sha256(stateOf(id)),
      sealed_verifier: secrets.seal(randomToken(32)),
      sealed_values: secrets.seal(JSON.stringify(values)),
      install_options: JSON.stringify(input.installOptions ?? {}),
      redirect_uri: `${publicOrigin(services, request)}/oauth/callback`,
      meta_key: input.metaKey ?? null,
    });
  }

  const startUrlOf = (request: FastifyRequest, flow: OAuthFlowRow) => `${publicOrigin(services, request)}/oauth/start/${flow.id}`;

  api.post('/projects/:projectId/sdk/oauth/flows', { schema: { params: ProjectParams, body: CreateFlowBody } }, async (request, reply) => {
    const flow = await newFlow(request, request.body);
    return reply.code(201).send(presentFlow(flow, startUrlOf(request, flow)));
  });

  api.get(
    '/projects/:projectId/sdk/oauth/flows/:flowId',
    {
      schema: {
        params: FlowParams,
        querystring: Type.Object({ wait: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { user } = request.sdk;
      const deadline = Date.now() + Math.min(Number(request.query.wait ?? 0), MAX_WAIT_SECONDS) * 1000;
      for (;;) {
        const flow = await findUserFlow(store, user, { id: request.params.flowId });
        if (!flow) throw new HttpError(404, ErrorCode.oauthFlowNotFound, `You have no sign-in "${request.params.flowId}".`);
        const shown = presentFlow(flow, startUrlOf(request, flow));
        // Polling stops with the flow, at the deadline, or when the portal stops listening.
        if (isEnded(shown.status) || Date.now() >= deadline || request.raw.destroyed) return shown;
        await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
      }
    },
  );

  api.delete('/projects/:projectId/sdk/oauth/flows/:flowId', { schema: { params: FlowParams } }, async (request) => {
    const { user } = request.sdk;
    const flow = await findUserFlow(store, user, { id: request.params.flowId });
    if (!flow) throw new HttpError(404, ErrorCode.oauthFlowNotFound, `You have no sign-in "${request.params.flowId}".`);
    await moveFlow(store, flow.id, ['created', 'started'], 'cancelled', {
      error_code: ErrorCode.oauthCancelled,
      error_message: 'The sign-in was cancelled.',
    });
    return presentFlow((await findFlow(store, flow.id))!);
  });

  /** Paragon's SDK: the provider URL to send its window to (here, our start page), for a flow it polls by `oauthMetaKeyId`. */
  api.get(
    '/v2/projects/:projectId/sdk/actions/build-oauth',
    { schema: { params: ProjectParams, querystring: Type.Record(Type.String(), Type.String()) } },
    async (request) => {
      const query = request.query;
      const json = (name: string): Record<string, unknown> => {
        try {
          const value: unknown = JSON.parse(query[name] ?? '{}');
          return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
        } catch {
          throw new HttpError(400, ErrorCode.invalidRequest, `${name} is not valid JSON.`, name);
        }
      };
      const installOptions = json('installOptions');
      const pick = (name: string) => (typeof installOptions[name] === 'string' ? (installOptions[name] as string) : undefined);
      const accountType = Array.isArray(installOptions.accountType) ? (installOptions.accountType[0] as string | undefined) : pick('accountType');
      const flow = await newFlow(request, {
        integrationId: query.integrationId ?? '',
        accountType,
        preOptions: json('endUserSuppliedValues'),
        installOptions: { selectedCredentialId: pick('selectedCredentialId'), externalId: pick('externalId') },
        metaKey: query.oauthMetaKeyId,
      });
      return { redirectUrl: startUrlOf(request, flow) };
    },
  );

  /** Paragon's SDK polls here for the credential its window made. */
  api.get('/projects/:projectId/sdk/actions/session-id/:flowId', { schema: { params: FlowParams } }, async (request) => {
    const flow = await findUserFlow(store, request.sdk.user, { metaKey: request.params.flowId });
    return flow?.status === 'completed' && flow.credential_id ? { connectCredentialId: flow.credential_id } : {};
  });
  api.delete('/projects/:projectId/sdk/actions/session-id/:flowId', { schema: { params: FlowParams } }, async () => ({}));
}

export function oauthWindowRoutes(app: FastifyInstance, services: Services): void {
  const { config, store, secrets } = services;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const stateOf = (flowId: string) => secrets.fingerprint(`oauth-state\u0000${flowId}`);
  const bindingText = (user: VerifiedUser, nonce: string) => `oauth-binding\u0000${user.projectId}\u0000${user.userId}\u0000${nonce}`;

  /** True when the request carries a binding cookie made for `user`. */
  function isBound(request: FastifyRequest, user: VerifiedUser): boolean {
    const cookies = (request.headers.cookie ?? '').split(';').map((cookie) => cookie.trim());
    return cookies.some((cookie) => {
      if (!cookie.startsWith(`${BINDING_COOKIE}=`)) return false;
      const [nonce, mac] = cookie.slice(BINDING_COOKIE.length + 1).split('.');
      return Boolean(nonce && mac && secrets.matches(bindingText(user, nonce), mac));
    });
  }

  function bind(request: FastifyRequest, reply: FastifyReply, user: VerifiedUser): void {
    const nonce = randomToken();
    const secure = request.protocol === 'https' ? '; Secure' : '';
    // First-party in the sign-in window (a top-level page), so blocked third-party cookies do not matter.
    reply.header(
      'Set-Cookie',
      `${BINDING_COOKIE}=${nonce}.${secrets.fingerprint(bindingText(user, nonce))}; Path=/oauth; Max-Age=1800; HttpOnly; SameSite=Lax${secure}`,
    );
  }

  const invalidLink = (reply: FastifyReply, message: string, status = 400) =>
    sendWindowPage(reply, { status, outcome: 'failed', title: 'This sign-in cannot continue', message });

  app.get(WINDOW_SCRIPT_PATH, (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(WINDOW_SCRIPT),
  );
  app.get(WINDOW_STYLES_PATH, (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(WINDOW_STYLES),
  );

  api.get(
    '/oauth/start/:flowId',
    { schema: { params: Type.Object({ flowId: Type.String({ minLength: 1, maxLength: 64 }) }) } },
    async (request, reply) => {
      const flow = await findFlow(store, request.params.flowId);
      if (!flow || !(await moveFlow(store, flow.id, ['created'], 'started'))) {
        return invalidLink(reply, 'This sign-in link was already used or has expired. Start connecting again from the app.');
      }
      const user = { projectId: flow.project_id, userId: flow.user_id };
      const project = findProject(config, flow.project_id);
      const integration = requireIntegration(project, flow.integration_type);
      const values = JSON.parse(secrets.open(flow.sealed_values)) as Record<string, ConnectInputValue>;
      const location = authorizationUrl({
        auth: oauthAuth(integration),
        accountType: findAccountType(integration, flow.account_type),
        client: project.oauthClients.get(integration.type)!,
        redirectUri: flow.redirect_uri,
        state: stateOf(flow.id),
        codeVerifier: secrets.open(flow.sealed_verifier),
        values,
      });
      bind(request, reply, user);
      return reply.header('Referrer-Policy', 'no-referrer').header('Cache-Control', 'no-store').redirect(location, 302);
    },
  );

  api.get('/oauth/callback', { schema: { querystring: Type.Record(Type.String(), Type.String()) } }, async (request, reply) => {
    const { state, code, error, error_description: description } = request.query;
    const flow = state ? await findFlowByState(store, sha256(state)) : undefined;
    if (!flow) return invalidLink(reply, 'This sign-in is not one this server started, or it was already used.');
    const user = { projectId: flow.project_id, userId: flow.user_id };
    const project = findProject(config, flow.project_id);
    const audit = (outcome: 'ok' | 'denied', action: string, detail: Record<string, unknown>, target?: string) =>
      recordAudit(store, { projectId: user.projectId, userId: user.userId, requestId: request.id, action, outcome, target, detail });
    if (!isBound(request, user)) {
      await audit('denied', 'oauth.callback', { code: ErrorCode.oauthStateInvalid, flow: flow.id });
      return invalidLink(reply, 'This sign-in was started in another browser or window. Start connecting again from the app.');
    }
    if (!(await moveFlow(store, flow.id, ['started'], 'exchanging'))) {
      return invalidLink(reply, flow.status === 'cancelled' ? 'This sign-in was cancelled.' : 'This sign-in was already used or has expired.');
    }
    const integration = requireIntegration(project, flow.integration_type);
    const fail = async (failure: { code: ErrorCode; message: string; detail?: string }) => {
      await moveFlow(store, flow.id, ['exchanging'], 'failed', { error_code: failure.code, error_message: failure.message });
      await audit('ok', 'oauth.failed', { code: failure.code, integration: integration.type });
      return sendWindowPage(reply, {
        status: 400,
        outcome: 'failed',
        title: `${integration.name} was not connected`,
        message: failure.message,
        detail: failure.detail,
      });
    };
    if (error || !code) {
      return fail({
        code: error === 'access_denied' ? ErrorCode.oauthDenied : ErrorCode.providerRefused,
        // The provider's own code (RFC 6749 §4.1.2.1) is kept in the message, never as ours.
        message:
          error === 'access_denied'
            ? `Access to ${integration.name} was declined.`
            : `${integration.name} did not complete the sign-in (${(error ?? 'no code returned').slice(0, 64)}).`,
        detail: description?.slice(0, 500),
      });
    }

    try {
      const options = JSON.parse(flow.install_options) as { selectedCredentialId?: string; externalId?: string };
      const outcome = await connectWithCode(store, secrets, user, {
        project,
        integration,
        accountType: flow.account_type,
        values: JSON.parse(secrets.open(flow.sealed_values)) as Record<string, ConnectInputValue>,
        code,
        redirectUri: flow.redirect_uri,
        codeVerifier: secrets.open(flow.sealed_verifier),
        selectedCredentialId: options.selectedCredentialId,
        externalId: options.externalId,
        via: 'oauth',
        requestId: request.id,
      });
      await moveFlow(store, flow.id, ['exchanging'], 'completed', { credential_id: outcome.credentialId });
      return sendWindowPage(reply, {
        status: 200,
        outcome: 'connected',
        title: `${integration.name} is connected`,
        message: 'You can close this window and return to the app.',
      });
    } catch (failure) {
      if (failure instanceof HttpError || failure instanceof OAuthError) {
        if (failure instanceof HttpError) return fail({ code: failure.code, message: failure.message });
        // The provider's own code stays in the detail; ours says whether it refused or could not be reached.
        const refused = failure.code !== 'unreachable';
        return refused
          ? fail({ code: ErrorCode.providerRefused, message: `${integration.name} refused the sign-in; try again.`, detail: failure.message })
          : fail({ code: ErrorCode.providerUnavailable, message: failure.message });
      }
      await moveFlow(store, flow.id, ['exchanging'], 'failed', {
        error_code: ErrorCode.internal,
        error_message: 'The sign-in could not be completed.',
      });
      throw failure;
    }
  });

  /** Paragon's SDK opens this page first and waits for its message before navigating the window. */
  api.get(
    '/projects/:projectId/sdk/actions/oauth-nonce',
    { schema: { params: ProjectParams, querystring: Type.Record(Type.String(), Type.String()) } },
    async (request, reply) => {
      const project = findProject(config, request.params.projectId);
      const origin = request.query.originForPostMessage;
      // Only to an origin the project allows: the page never posts to '*' or to whoever asks.
      const openerOrigin = origin && project.allowedOrigins.includes(origin) ? origin : undefined;
      return sendWindowPage(reply, { status: 200, outcome: 'nonce', title: 'Connecting…', message: 'Taking you to the sign-in page.', openerOrigin });
    },
  );
}
