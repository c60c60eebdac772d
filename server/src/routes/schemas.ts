/** JSON schemas shared by the SDK routes (validated by Fastify, exported to /openapi.json). */
import { Type } from 'typebox';

/** Ids and labels: printable text, since PostgreSQL text cannot hold a NUL and no id needs a control character. */
export const PRINTABLE = '^[^\\u0000-\\u001f\\u007f]+$';

/** What a schema pattern means, in words for the error message (Ajv's own names the regex). */
export const PATTERN_MEANINGS: Record<string, string> = { [PRINTABLE]: 'must be printable text, without control characters' };

export const Id = Type.String({ minLength: 1, maxLength: 255, pattern: PRINTABLE });

export const ProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128, pattern: PRINTABLE }) });
export const CredentialParams = Type.Object({ projectId: ProjectParams.properties.projectId, credentialId: Id });
export const WorkflowParams = Type.Object({ projectId: ProjectParams.properties.projectId, workflowId: Id });
export const IntegrationParams = Type.Object({ projectId: ProjectParams.properties.projectId, integration: Id });

/** Headers the SDK sends to pick a credential and a configuration. */
export const SelectionHeaders = Type.Object({
  'x-paragon-credential': Type.Optional(Id),
  'x-paragon-configuration-id': Type.Optional(Id),
});

/**
 * A setting or install value: text, a number, true or false, a list of names (PERMISSION), or an
 * object (combo inputs, field mappings, files). Its input's type is checked by settings.ts.
 */
export const InputValue = Type.Union([
  Type.String({ maxLength: 100_000 }),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 500 }),
  Type.Object({}, { additionalProperties: true }),
]);
const SettingValue = Type.Union([InputValue, Type.Null()]);

const InstallOptions = Type.Object(
  {
    externalId: Type.Optional(Id),
    allowMultipleCredentials: Type.Optional(Type.Boolean()),
    selectedCredentialId: Type.Optional(Id),
    accountType: Type.Optional(Id),
  },
  { additionalProperties: false },
);

/**
 * An account's values (`payload`), or, for an OAuth integration, an authorization code the host
 * app obtained itself (`paragon.completeInstall`: `code`, `redirectUrl`, `integrationOptions`).
 */
export const CreateCredentialBody = Type.Object(
  {
    integrationId: Id,
    payload: Type.Optional(Type.Record(Type.String(), InputValue)),
    config: Type.Optional(Type.Object({}, { additionalProperties: false })),
    installOptions: Type.Optional(InstallOptions),
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    /** The redirect URI the code was issued for; this server's `/oauth/callback` when absent. */
    redirectUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, pattern: '^https?://' })),
    /** The PKCE verifier, when the host app's own authorization request sent a challenge (not in Paragon's SDK). */
    codeVerifier: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9._~-]{43,128}$' })),
    integrationOptions: Type.Optional(Type.Object({ installOptions: Type.Optional(InstallOptions) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const CompleteSetupBody = Type.Object(
  {
    integrationId: Type.Optional(Id),
    payload: Type.Record(Type.String(), InputValue),
    config: Type.Optional(Type.Object({}, { additionalProperties: false })),
    installOptions: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: false },
);

const WorkflowEntry = Type.Object(
  { enabled: Type.Optional(Type.Boolean()), settings: Type.Optional(Type.Record(Type.String(), SettingValue)) },
  { additionalProperties: false },
);

export const UpdateCredentialBody = Type.Object(
  {
    config: Type.Object(
      {
        sharedSettings: Type.Optional(Type.Record(Type.String(), SettingValue)),
        workflowSettings: Type.Optional(Type.Record(Type.String(), WorkflowEntry)),
        configuredWorkflows: Type.Optional(Type.Record(Type.String(), WorkflowEntry)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const CreateConfigurationBody = Type.Object({ externalId: Type.Optional(Id) }, { additionalProperties: false });

export const UpdateConfigurationBody = Type.Object(
  { meta: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 }) },
  { additionalProperties: false },
);

export const UpdateMeBody = Type.Object(
  { meta: Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), { maxProperties: 50 }) },
  { additionalProperties: false },
);

export const CredentialQuery = Type.Object(
  { integration: Type.Optional(Id), includeAccountAuth: Type.Optional(Type.String()) },
  { additionalProperties: false },
);
