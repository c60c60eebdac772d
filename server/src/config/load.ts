/**
 * The project config file (`connect.config.json`): projects, the origins allowed to embed the
 * portal, the public keys that verify user tokens, and each integration's auth, settings and
 * workflows. It is validated whole at start; every problem is reported with the field it is in,
 * and the server does not start until there are none.
 *
 * Loading, in order: parse the JSON; expand `preset`s (presets/); check the shape against
 * `schema.ts`; check what a schema cannot (duplicate ids, defaults that fit their input, URL
 * placeholders that name an input, patterns that compile); read the public keys and the OAuth
 * client secrets (from the environment or files, never from the config itself).
 */
import { access, readFile } from 'node:fs/promises';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import cronParser from 'cron-parser';

const { parseExpression } = cronParser;
import { Settings } from 'typebox/system';
import Value from 'typebox/value';
import { placeholdersOf } from '../accounts/account-info.js';
import { problemWith } from '../settings.js';
import { trustedHopProblem, type TrustProxy } from '../trust-proxy.js';
import { expandPresets } from './presets/index.js';
import {
  ConfigFile,
  type ConfigFileContent,
  type InputConfig,
  type IntegrationConfig,
  type LimitsConfig,
  type ProjectFile,
  type SecretSourceConfig,
  type WorkflowConfig,
} from './schema.js';

export type {
  AccountTypeConfig,
  ApiConfig,
  AuthConfig,
  DataSourceConfig,
  FileCallConfig,
  FilesConfig,
  InputConfig,
  IntegrationConfig,
  LimitsConfig,
  OAuth2AuthConfig,
  TriggerConfig,
  WorkflowConfig,
} from './schema.js';

export interface VerificationKey {
  kid?: string;
  key: KeyObject;
}

/** An OAuth client's id and secret, resolved at start; kept apart from everything the API presents. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

export interface ProjectConfig extends ProjectFile {
  verificationKeys: VerificationKey[];
  /** By integration type, for the `oauth2` integrations. */
  oauthClients: ReadonlyMap<string, OAuthClient>;
  /** By workflow id, the absolute path of the module each triggered workflow runs. */
  workflowModules: ReadonlyMap<string, string>;
}

export interface ConnectConfig {
  projects: ReadonlyMap<string, ProjectConfig>;
  limits: LimitsConfig;
  /** The public origin OAuth redirects come back to, when the config sets one (else the request's). */
  publicUrl?: string;
  /** The proxies trusted for `X-Forwarded-*`; none when absent (see trust-proxy.ts). */
  trustProxy?: TrustProxy;
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

type SchemaNode = Record<string, unknown> & { anyOf?: SchemaNode[]; discriminator?: string; properties?: Record<string, SchemaNode> };

/** The sub-schema a JSON pointer such as `#/properties/projects/items/anyOf/1` names. */
function schemaAt(pointer: string): SchemaNode | undefined {
  let node: unknown = ConfigFile;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[part];
  return node as SchemaNode | undefined;
}

function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('/').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}

/**
 * Every schema error of the file. TypeBox stops at 8 by default, and the variants of a union
 * the file did not choose are checked first: an oauth2 auth runs up 8 complaints as an api_key
 * auth before its own missing `clientSecret` is reached. The limit is lifted for this one
 * synchronous call and put back.
 */
function allSchemaErrors(value: unknown) {
  const { maxErrors } = Settings.Get();
  Settings.Set({ maxErrors: 10_000 });
  try {
    return [...Value.Errors(ConfigFile, value)];
  } finally {
    Settings.Set({ maxErrors });
  }
}

/**
 * Schema errors, keeping for each discriminated union only those of the variant the file chose
 * (by its `type` or `scheme`): "must have required property tokenUrl" for an oauth2 auth, not
 * also every complaint an api_key auth would have.
 */
function describeSchemaErrors(value: unknown): string[] {
  const errors = allSchemaErrors(value);
  const dropped: string[] = [];
  const replaced = new Map<string, string>();
  for (const error of errors.filter((candidate) => candidate.keyword === 'anyOf')) {
    const union = schemaAt(error.schemaPath);
    const key = union?.discriminator;
    if (!key || !union?.anyOf) continue;
    const chosen = (valueAt(value, error.instancePath) as Record<string, unknown> | undefined)?.[key];
    const constants = union.anyOf.map((variant) => {
      const property = variant.properties?.[key] as SchemaNode | undefined;
      return (property?.const as string | undefined) ?? (property?.anyOf ?? []).map((literal) => literal.const as string);
    });
    const index = constants.findIndex((constant) => (Array.isArray(constant) ? constant.includes(chosen as string) : constant === chosen));
    union.anyOf.forEach((_, variant) => variant !== index && dropped.push(`${error.schemaPath}/anyOf/${variant}`));
    if (index < 0) {
      const allowed = constants
        .flat()
        .map((constant) => `"${constant}"`)
        .join(', ');
      replaced.set(error.schemaPath + error.instancePath, `${error.instancePath}/${key}: must be one of ${allowed}`);
    }
  }
  const problems = errors.flatMap((error) => {
    if (error.keyword === 'anyOf' && replaced.has(error.schemaPath + error.instancePath))
      return [replaced.get(error.schemaPath + error.instancePath)!];
    if (error.keyword === 'anyOf' && schemaAt(error.schemaPath)?.discriminator) return [];
    if (dropped.some((prefix) => error.schemaPath === prefix || error.schemaPath.startsWith(`${prefix}/`))) return [];
    if (error.keyword === 'boolean') return []; // the additionalProperties twin of an "unknown key" error
    const path = error.instancePath || '/';
    if (error.keyword === 'additionalProperties') {
      const keys = (error.params as { additionalProperties: string[] }).additionalProperties;
      return [`${path}: unknown key ${keys.map((key) => `"${key}"`).join(', ')}`];
    }
    if (error.keyword === 'pattern' && path.includes('/allowedOrigins/')) {
      return [`${path}: must be an exact origin such as https://app.example.com (no path, no wildcard)`];
    }
    return [`${path}: ${error.message}`];
  });
  return [...new Set(problems)];
}

function findDuplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}

/** Every list of inputs of an integration, with its path. */
function inputListsOf(integration: IntegrationConfig, path: string): [InputConfig[], string][] {
  const { auth } = integration;
  const lists: [InputConfig[] | undefined, string][] = [
    ['inputs' in auth ? auth.inputs : undefined, `${path}/auth/inputs`],
    ['preInstallInputs' in auth ? auth.preInstallInputs : undefined, `${path}/auth/preInstallInputs`],
    [auth.postInstallInputs, `${path}/auth/postInstallInputs`],
    [integration.userSettings, `${path}/userSettings`],
    ...(auth.accountTypes ?? []).map((type, t): [InputConfig[] | undefined, string] => [
      type.preInstallInputs,
      `${path}/auth/accountTypes/${t}/preInstallInputs`,
    ]),
    ...(integration.workflows ?? []).map((workflow, w): [InputConfig[] | undefined, string] => [workflow.inputs, `${path}/workflows/${w}/inputs`]),
  ];
  return lists.filter((entry): entry is [InputConfig[], string] => entry[0] !== undefined);
}

function inputProblems(input: InputConfig, path: string): string[] {
  const problems: string[] = [];
  if (
    input.type === 'TEXT_NO_VARS' ||
    input.type === 'TEXTAREA_NO_VARS' ||
    input.type === 'EMAIL' ||
    input.type === 'URL' ||
    input.type === 'PASSWORD'
  ) {
    if (input.pattern !== undefined) {
      try {
        new RegExp(input.pattern, 'u');
      } catch {
        problems.push(`${path}/pattern: is not a valid regular expression`);
      }
    }
  }
  if (input.type === 'NUMBER' && input.min !== undefined && input.max !== undefined && input.min > input.max) {
    problems.push(`${path}/min: is greater than max`);
  }
  if (input.type === 'ENUM') {
    for (const value of findDuplicates(input.values.map((option) => option.value)))
      problems.push(`${path}/values: value "${value}" appears more than once`);
  }
  if (input.defaultValue !== undefined && problems.length === 0) {
    const problem = problemWith(input, input.defaultValue);
    if (problem) problems.push(`${path}/defaultValue: ${problem}`);
  }
  return problems;
}

/** The `{name}` placeholders of a URL template. */
/**
 * A per-account base URL must say where it may land, and fill its placeholders from values the
 * credential keeps: a pre-install input, or a value its account info keeps in `providerData`.
 */
function apiProblems(integration: IntegrationConfig, path: string): string[] {
  const { baseUrl, allowedHosts } = integration.api!;
  const names = placeholdersOf(baseUrl);
  if (names.length === 0) return [];
  const { auth } = integration;
  const known = new Set([
    ...(auth.scheme === 'oauth2' ? (auth.preInstallInputs ?? []) : auth.scheme === 'api_key' ? auth.inputs : []).map((input) => input.id),
    ...(auth.accountTypes ?? []).flatMap((type) => type.preInstallInputs ?? []).map((input) => input.id),
    ...Object.keys((auth.scheme !== 'api_key' && auth.accountInfo?.providerData) || {}),
  ]);
  return [
    ...names
      .filter((name) => !known.has(name))
      .map((name) => `${path}/baseUrl: "{${name}}" names no pre-install input and no accountInfo.providerData value`),
    ...(allowedHosts
      ? []
      : [`${path}/allowedHosts: required when baseUrl has placeholders, so that an account's values cannot send requests anywhere`]),
  ];
}

/** A trigger needs code to run, and a schedule a cron expression that parses. */
function workflowProblems(workflow: WorkflowConfig, path: string): string[] {
  const { trigger, run } = workflow;
  if (!trigger) return run ? [`${path}/run: a workflow with code needs a "trigger" saying when it runs`] : [];
  const problems = run ? [] : [`${path}/trigger: a triggered workflow needs "run", the module it runs`];
  if (trigger.type === 'schedule') {
    const fields = trigger.cron.trim().split(/\s+/).length;
    if (fields !== 5 && fields !== 6)
      problems.push(`${path}/trigger/cron: give five fields (minute hour day month weekday, as "*/15 * * * *"), or six with seconds first`);
    else {
      try {
        parseExpression(trigger.cron, { utc: true });
      } catch (error) {
        problems.push(`${path}/trigger/cron: ${(error as Error).message}`);
      }
    }
  }
  return problems;
}

/** The placeholders each call of a file listing may use: what the picker knows when it makes that call. */
const FILE_CALL_PLACEHOLDERS = {
  list: ['folderId'],
  search: ['search', 'folderId'],
  next: ['cursor'],
  searchNext: ['cursor'],
  getFile: ['fileId'],
  getFolder: ['folderId'],
} as const;

/** The install inputs whose answers an account keeps in its `providerData` (a secret is sealed, and never goes in a URL). */
function accountInputIds({ auth }: IntegrationConfig): string[] {
  const inputs = [
    ...('preInstallInputs' in auth ? (auth.preInstallInputs ?? []) : []),
    ...(auth.accountTypes ?? []).flatMap((type) => type.preInstallInputs ?? []),
    ...(auth.postInstallInputs ?? []),
  ];
  return [...new Set(inputs.filter((input) => input.type !== 'PASSWORD').map((input) => input.id))];
}

function fileProblems(integration: IntegrationConfig, path: string): string[] {
  const { api, files } = integration;
  if (!files) return [];
  const problems = api ? [] : [`${path}: the file picker calls the integration's API: give its "api"`];
  if (files.vendorPicker && integration.auth.scheme !== 'oauth2') {
    problems.push(`${path}/vendorPicker: a vendor's picker needs a token from the provider: only for an oauth2 integration`);
  }
  const account = accountInputIds(integration);
  for (const [name, own] of Object.entries(FILE_CALL_PLACEHOLDERS)) {
    const call = files[name as keyof typeof FILE_CALL_PLACEHOLDERS];
    if (!call) continue;
    const allowed: string[] = [...own, ...account];
    const templates = [call.path, ...Object.values(call.body ?? {}).filter((value): value is string => typeof value === 'string')];
    for (const placeholder of templates.flatMap(placeholdersOf)) {
      if (!allowed.includes(placeholder)) {
        problems.push(`${path}/${name}: "{${placeholder}}" is not known here; use ${allowed.map((known) => `{${known}}`).join(' or ')}`);
      }
    }
    if (call.cursorParam && !call.nextCursorPath) {
      problems.push(`${path}/${name}: cursorParam needs nextCursorPath (where the answer gives the cursor)`);
    }
    if (call.cursorFromUrl && !call.cursorParam) {
      problems.push(`${path}/${name}: cursorFromUrl needs cursorParam (the next page URL's parameter that holds the cursor)`);
    }
  }
  if (files.next && !files.list.nextCursorPath) problems.push(`${path}/next: a next call needs list.nextCursorPath (where the cursor is)`);
  if (files.searchNext && !files.search?.nextCursorPath) {
    problems.push(`${path}/searchNext: a searchNext call needs search.nextCursorPath (where the cursor is)`);
  }
  return problems;
}

function integrationProblems(integration: IntegrationConfig, path: string): string[] {
  const problems: string[] = [];
  const { auth } = integration;
  (integration.workflows ?? []).forEach((workflow, w) => problems.push(...workflowProblems(workflow, `${path}/workflows/${w}`)));
  for (const id of findDuplicates((integration.workflows ?? []).map((workflow) => workflow.id))) {
    problems.push(`${path}/workflows: workflow id "${id}" appears more than once`);
  }
  for (const id of findDuplicates((auth.accountTypes ?? []).map((type) => type.id))) {
    problems.push(`${path}/auth/accountTypes: account type "${id}" appears more than once`);
  }
  for (const [inputs, listPath] of inputListsOf(integration, path)) {
    for (const id of findDuplicates(inputs.map((input) => input.id))) problems.push(`${listPath}: input id "${id}" appears more than once`);
    inputs.forEach((input, i) => problems.push(...inputProblems(input, `${listPath}/${i}`)));
  }
  if (integration.api) problems.push(...apiProblems(integration, `${path}/api`));
  if (integration.dataSources && !integration.api) problems.push(`${path}/dataSources: data sources call the integration's API: give its "api"`);
  for (const [key, source] of Object.entries(integration.dataSources ?? {})) {
    if ((source.cursorParam === undefined) !== (source.nextCursorPath === undefined)) {
      problems.push(
        `${path}/dataSources/${key}: cursorParam and nextCursorPath go together (where the cursor is sent, and where the answer gives it)`,
      );
    }
  }
  if (integration.files) problems.push(...fileProblems(integration, `${path}/files`));
  if (auth.scheme === 'oauth2') {
    const known = new Set(
      [...(auth.preInstallInputs ?? []), ...(auth.accountTypes ?? []).flatMap((type) => type.preInstallInputs ?? [])].map((input) => input.id),
    );
    const templates: [string | undefined, string][] = [
      [auth.authorizationUrl, `${path}/auth/authorizationUrl`],
      [auth.tokenUrl, `${path}/auth/tokenUrl`],
      [auth.accountInfo?.url, `${path}/auth/accountInfo/url`],
      ...(auth.accountTypes ?? []).flatMap((type, t): [string | undefined, string][] => [
        [type.authorizationUrl, `${path}/auth/accountTypes/${t}/authorizationUrl`],
        [type.tokenUrl, `${path}/auth/accountTypes/${t}/tokenUrl`],
      ]),
    ];
    for (const [template, templatePath] of templates) {
      for (const name of placeholdersOf(template ?? '')) {
        if (!known.has(name)) problems.push(`${templatePath}: "{${name}}" names no pre-install input`);
      }
    }
  }
  return problems;
}

function describeDuplicates(file: ConfigFileContent): string[] {
  const problems = findDuplicates(file.projects.map((project) => project.id)).map((id) => `/projects: project id "${id}" appears more than once`);
  if (Array.isArray(file.trustProxy)) {
    file.trustProxy.forEach((entry, t) => {
      const problem = trustedHopProblem(entry);
      if (problem) problems.push(`/trustProxy/${t}: ${problem}`);
    });
  }
  file.projects.forEach((project, p) => {
    for (const type of findDuplicates(project.integrations.map((integration) => integration.type))) {
      problems.push(`/projects/${p}/integrations: integration type "${type}" appears more than once`);
    }
    project.integrations.forEach((integration, i) => problems.push(...integrationProblems(integration, `/projects/${p}/integrations/${i}`)));
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
  // createPublicKey would happily derive the public half of a private key; refuse it instead, so
  // that the private key, which only the host app's backend should hold, does not sit here.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error(`${field}: ${path} is a private key; give the public key (the host app keeps the private key to sign user tokens)`);
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    return key;
  } catch {
    throw new Error(`${field}: ${path} is not a PEM RSA public key (user tokens are verified with RS256)`);
  }
}

/** A secret from the environment or a file; throws naming the field and where it looked. */
async function readSecret(source: string | SecretSourceConfig, field: string, configDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (typeof source === 'string') return source;
  if ('env' in source) {
    const value = env[source.env]?.trim();
    if (!value) throw new Error(`${field}: the environment variable ${source.env} is not set`);
    return value;
  }
  try {
    const value = (await readFile(resolve(configDir, source.file), 'utf8')).trim();
    if (!value) throw new Error('empty');
    return value;
  } catch {
    throw new Error(`${field}: cannot read a secret from ${resolve(configDir, source.file)}`);
  }
}

/** Validates an already parsed config; key and secret paths are resolved against `configDir`. */
export async function parseConfig(raw: unknown, file: string, configDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ConnectConfig> {
  const expanded = expandPresets(raw);
  if (expanded.problems.length > 0) throw new ConfigError(file, expanded.problems);
  const schemaProblems = describeSchemaErrors(expanded.value);
  if (schemaProblems.length > 0) throw new ConfigError(file, schemaProblems);
  const parsed = expanded.value as ConfigFileContent;
  const semanticProblems = describeDuplicates(parsed);
  if (semanticProblems.length > 0) throw new ConfigError(file, semanticProblems);

  const projects = new Map<string, ProjectConfig>();
  const loadProblems: string[] = [];
  for (const [p, project] of parsed.projects.entries()) {
    const verificationKeys: VerificationKey[] = [];
    for (const [k, signingKey] of project.signingKeys.entries()) {
      try {
        const key = await loadKey(configDir, signingKey.publicKeyFile, `/projects/${p}/signingKeys/${k}/publicKeyFile`);
        verificationKeys.push({ kid: signingKey.kid, key });
      } catch (error) {
        loadProblems.push((error as Error).message);
      }
    }
    const oauthClients = new Map<string, OAuthClient>();
    for (const [i, integration] of project.integrations.entries()) {
      if (integration.auth.scheme !== 'oauth2') continue;
      const path = `/projects/${p}/integrations/${i}/auth`;
      try {
        oauthClients.set(integration.type, {
          clientId: await readSecret(integration.auth.clientId, `${path}/clientId`, configDir, env),
          clientSecret: await readSecret(integration.auth.clientSecret, `${path}/clientSecret`, configDir, env),
        });
      } catch (error) {
        loadProblems.push((error as Error).message);
      }
    }
    const workflowModules = new Map<string, string>();
    for (const [i, integration] of project.integrations.entries()) {
      for (const [w, workflow] of (integration.workflows ?? []).entries()) {
        if (!workflow.run) continue;
        const module = resolve(configDir, workflow.run);
        // Only that it is there: the module is imported at its first run, so a broken one fails its own runs only.
        if (
          await access(module).then(
            () => true,
            () => false,
          )
        )
          workflowModules.set(workflow.id, module);
        else loadProblems.push(`/projects/${p}/integrations/${i}/workflows/${w}/run: there is no file ${module}`);
      }
    }
    projects.set(project.id, { ...project, verificationKeys, oauthClients, workflowModules });
  }
  if (loadProblems.length > 0) throw new ConfigError(file, loadProblems);
  return { projects, limits: parsed.limits ?? {}, publicUrl: parsed.publicUrl, trustProxy: parsed.trustProxy };
}

/** Reads and validates a config file. Throws `ConfigError` naming every field at fault. */
export async function loadConfig(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ConnectConfig> {
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
  return parseConfig(raw, file, dirname(file), env);
}
