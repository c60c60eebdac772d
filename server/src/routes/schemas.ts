/** JSON schemas shared by the SDK routes (validated by Fastify, exported to /openapi.json). */
import { Type } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 255 });

export const ProjectParams = Type.Object({ projectId: Type.String({ minLength: 1, maxLength: 128 }) });
export const CredentialParams = Type.Object({ projectId: ProjectParams.properties.projectId, credentialId: Id });
export const WorkflowParams = Type.Object({ projectId: ProjectParams.properties.projectId, workflowId: Id });
export const IntegrationParams = Type.Object({ projectId: ProjectParams.properties.projectId, integration: Id });

/** Headers the SDK sends to pick a credential and a configuration. */
export const SelectionHeaders = Type.Object({
  'x-paragon-credential': Type.Optional(Id),
  'x-paragon-configuration-id': Type.Optional(Id),
});

export const InputValue = Type.Union([Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean()]);
const SettingValue = Type.Union([InputValue, Type.Null()]);

export const CreateCredentialBody = Type.Object(
  {
    integrationId: Id,
    payload: Type.Record(Type.String(), InputValue),
    config: Type.Optional(Type.Object({}, { additionalProperties: false })),
    installOptions: Type.Optional(
      Type.Object(
        {
          externalId: Type.Optional(Id),
          allowMultipleCredentials: Type.Optional(Type.Boolean()),
          selectedCredentialId: Type.Optional(Id),
        },
        { additionalProperties: false },
      ),
    ),
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
