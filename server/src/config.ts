/**
 * The project config file (`connect.config.json`): projects, the origins allowed to embed the
 * portal, the public keys that verify user tokens, and each integration's auth, settings and
 * workflows. It is validated whole at start; every problem is reported with the field it is in.
 */
import { readFile } from 'node:fs/promises';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { Type, type Static } from 'typebox';
import Value from 'typebox/value';

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.:-]+$' });

/** An exact origin: scheme, host and optional port, nothing else. Wildcards are not origins. */
const Origin = Type.String({ pattern: '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' });

const InputValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);

const Input = Type.Object(
  {
    id: Id,
    type: Type.Union([
      Type.Literal('TEXT_NO_VARS'),
      Type.Literal('TEXTAREA_NO_VARS'),
      Type.Literal('PASSWORD'),
      Type.Literal('NUMBER'),
      Type.Literal('EMAIL'),
      Type.Literal('URL'),
      Type.Literal('SWITCH'),
      Type.Literal('BOOLEAN_INPUT'),
      Type.Literal('ENUM'),
    ]),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    subtitle: Type.Optional(Type.String({ maxLength: 1000 })),
    placeholder: Type.Optional(Type.String({ maxLength: 200 })),
    required: Type.Optional(Type.Boolean()),
    defaultValue: Type.Optional(InputValue),
    values: Type.Optional(
      Type.Array(Type.Object({ value: Type.String(), label: Type.String() }, { additionalProperties: false })),
    ),
  },
  { additionalProperties: false },
);

const Workflow = Type.Object(
  {
    id: Id,
    description: Type.String({ minLength: 1, maxLength: 200 }),
    infoText: Type.Optional(Type.String({ maxLength: 1000 })),
    defaultEnabled: Type.Optional(Type.Boolean()),
    hidden: Type.Optional(Type.Boolean()),
    inputs: Type.Optional(Type.Array(Input)),
  },
  { additionalProperties: false },
);

const Integration = Type.Object(
  {
    id: Id,
    type: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z][a-zA-Z0-9_-]*$' }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** An https (or same-server, path-only) image URL; never markup. */
    icon: Type.Optional(Type.String({ pattern: '^(https://|/)[^\\s"<>]*$', maxLength: 2048 })),
    brandColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
    shortDescription: Type.String({ maxLength: 300 }),
    longDescription: Type.Optional(Type.String({ maxLength: 10_000 })),
    auth: Type.Object(
      {
        scheme: Type.Literal('api_key'),
        /** Asked before the credential exists: the API key itself. */
        inputs: Type.Array(Input, { minItems: 1 }),
        /** Asked after (`complete-setup`); until then the credential is PENDING. */
        postInstallInputs: Type.Optional(Type.Array(Input)),
      },
      { additionalProperties: false },
    ),
    userSettings: Type.Optional(Type.Array(Input)),
    workflows: Type.Optional(Type.Array(Workflow)),
  },
  { additionalProperties: false },
);

const SigningKey = Type.Object(
  {
    kid: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** Path of a PEM public key, relative to the config file. */
    publicKeyFile: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);

const Project = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    allowedOrigins: Type.Array(Origin, { minItems: 1 }),
    signingKeys: Type.Array(SigningKey, { minItems: 1 }),
    integrations: Type.Array(Integration),
  },
  { additionalProperties: false },
);

const ConfigFile = Type.Object(
  { $schema: Type.Optional(Type.String()), projects: Type.Array(Project, { minItems: 1 }) },
  { additionalProperties: false },
);

export type InputConfig = Static<typeof Input>;
export type IntegrationConfig = Static<typeof Integration>;
export type ProjectFile = Static<typeof Project>;

export interface VerificationKey {
  kid?: string;
  key: KeyObject;
}

export interface ProjectConfig extends ProjectFile {
  verificationKeys: VerificationKey[];
}

export interface ConnectConfig {
  projects: ReadonlyMap<string, ProjectConfig>;
}

/** A config file that cannot be used; `problems` name each field at fault. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid Connect config:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

function describeSchemaErrors(value: unknown): string[] {
  return Value.Errors(ConfigFile, value)
    .filter((error) => error.keyword !== 'boolean') // the additionalProperties twin of an "unknown key" error
    .map((error) => {
      const path = error.instancePath || '/';
      if (error.keyword === 'additionalProperties') {
        const keys = (error.params as { additionalProperties: string[] }).additionalProperties;
        return `${path}: unknown key ${keys.map((key) => `"${key}"`).join(', ')}`;
      }
      if (error.keyword === 'pattern' && path.includes('/allowedOrigins/')) {
        return `${path}: must be an exact origin such as https://app.example.com (no path, no wildcard)`;
      }
      return `${path}: ${error.message}`;
    });
}

function findDuplicates(values: string[]): string[] {
  return values.filter((value, index) => values.indexOf(value) !== index);
}

function describeDuplicates(file: Static<typeof ConfigFile>): string[] {
  const problems = findDuplicates(file.projects.map((project) => project.id)).map(
    (id) => `/projects: project id "${id}" appears more than once`,
  );
  file.projects.forEach((project, p) => {
    for (const type of findDuplicates(project.integrations.map((integration) => integration.type))) {
      problems.push(`/projects/${p}/integrations: integration type "${type}" appears more than once`);
    }
    project.integrations.forEach((integration, i) => {
      for (const id of findDuplicates((integration.workflows ?? []).map((workflow) => workflow.id))) {
        problems.push(`/projects/${p}/integrations/${i}/workflows: workflow id "${id}" appears more than once`);
      }
    });
  });
  return problems;
}

async function loadKey(configDir: string, path: string, field: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(resolve(configDir, path), 'utf8');
  } catch {
    throw new Error(`${field}: cannot read the public key file ${resolve(configDir, path)}`);
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    throw new Error(`${field}: ${path} is not a PEM RSA public key (user tokens are verified with RS256)`);
  }
}

/** Validates an already parsed config; key paths are resolved against `configDir`. */
export async function parseConfig(raw: unknown, file: string, configDir: string): Promise<ConnectConfig> {
  const schemaProblems = describeSchemaErrors(raw);
  if (schemaProblems.length > 0) throw new ConfigError(file, schemaProblems);
  const parsed = raw as Static<typeof ConfigFile>;
  const duplicateProblems = describeDuplicates(parsed);
  if (duplicateProblems.length > 0) throw new ConfigError(file, duplicateProblems);

  const projects = new Map<string, ProjectConfig>();
  const keyProblems: string[] = [];
  for (const [p, project] of parsed.projects.entries()) {
    const verificationKeys: VerificationKey[] = [];
    for (const [k, signingKey] of project.signingKeys.entries()) {
      try {
        const key = await loadKey(configDir, signingKey.publicKeyFile, `/projects/${p}/signingKeys/${k}/publicKeyFile`);
        verificationKeys.push({ kid: signingKey.kid, key });
      } catch (error) {
        keyProblems.push((error as Error).message);
      }
    }
    projects.set(project.id, { ...project, verificationKeys });
  }
  if (keyProblems.length > 0) throw new ConfigError(file, keyProblems);
  return { projects };
}

/** Reads and validates a config file. Throws `ConfigError` naming every field at fault. */
export async function loadConfig(path: string): Promise<ConnectConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ConfigError(file, ['the file cannot be read']);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  return parseConfig(raw, file, dirname(file));
}
