/**
 * oidc-provider ships no types. These declare only what the sandbox provider uses, with the
 * shapes of oidc-provider 9 (see its docs/README.md for the full configuration).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** What oidc-provider stores per model (Session, Grant, AccessToken, RefreshToken, …). */
  export interface AdapterPayload {
    accountId?: string;
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
    [key: string]: unknown;
  }

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number | undefined): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  /** The parts of Koa's context (plus `ctx.oidc`) that the sandbox reads or writes. */
  export interface KoaContextWithOIDC {
    type: string;
    body: unknown;
    status: number;
    set(field: string, value: string): void;
    oidc?: {
      route?: string;
      params?: Record<string, unknown>;
      session?: { accountId?: string; destroy(): Promise<void> };
      /** The authenticated client, at the token endpoint. */
      client?: { clientId: string };
    };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    adapter?: (model: string) => Adapter;
    findAccount?: (ctx: KoaContextWithOIDC, sub: string) => Promise<Account | undefined>;
    [key: string]: unknown;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export interface Interaction {
    uid: string;
    params: Record<string, unknown>;
    prompt: { name: string };
    result?: InteractionResults;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface AccessToken {
    accountId: string;
    clientId: string;
    grantId?: string;
    scope?: string;
    scopes: Set<string>;
    isExpired: boolean;
    /** Seconds until it expires. */
    remainingTTL: number;
    /** Its `expires_in`, once made. */
    expiration: number;
    save(): Promise<string>;
  }

  /** The errors a grant handler throws; oidc-provider answers each as its OAuth error. */
  export const errors: {
    InvalidRequest: new (description: string) => Error;
    InvalidGrant: new (description: string) => Error;
    InvalidScope: new (description: string, scope: string) => Error;
  };

  type Middleware = (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>;

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly Grant: new (properties: { accountId: string; clientId: string }) => Grant;
    readonly AccessToken: {
      find(token: string): Promise<AccessToken | undefined>;
      new (properties: { accountId: string; client: { clientId: string }; grantId?: string; scope: string; expiresIn?: number }): AccessToken;
    };
    registerGrantType(name: string, handler: (ctx: KoaContextWithOIDC) => Promise<void>, parameters: string[]): void;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: Middleware): void;
    on(event: string, listener: (ctx: KoaContextWithOIDC, ...rest: unknown[]) => void): this;
    interactionDetails(request: IncomingMessage, response: ServerResponse): Promise<Interaction>;
    interactionResult(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    interactionFinished(
      request: IncomingMessage,
      response: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
