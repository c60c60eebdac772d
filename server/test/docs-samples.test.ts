/**
 * Every fenced code block of README.md and docs/ is of a known kind (scripts/docs-samples.ts), and
 * each kind this side can check is checked here: config samples are loaded by the server's own
 * config loader, TypeScript and JavaScript samples type-check against the real types, and the
 * CSS and markup of the element name only what custom-elements.json declares. The host-page
 * samples and the quick start run in Chromium (e2e/docs-samples.spec.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { parseConfig } from '../src/config/load.js';
import { SAMPLE_KINDS, kindOf, listSamples, where, type Sample, type SampleKind } from '../../scripts/docs-samples.js';
import { hostPolicy } from '../../e2e/host-csp.js';

const samples = listSamples();
const ofKind = (kind: SampleKind) => samples.filter((sample) => kindOf(sample) === kind);

test('every code block in README.md and docs/ is of a known kind, and each kind is counted', () => {
  const unknown = samples.filter((sample) => !kindOf(sample)).map((sample) => `${where(sample)} (\`\`\`${sample.lang})`);
  assert.deepEqual(unknown, [], 'Give each block a kind (scripts/docs-samples.ts says which), or the sample is never checked');
  for (const kind of Object.keys(SAMPLE_KINDS) as SampleKind[]) {
    console.log(`${String(ofKind(kind).length).padStart(3)} ${SAMPLE_KINDS[kind]}`);
  }
  assert.ok(ofKind('page').length > 0 && ofKind('config').length > 0 && ofKind('typed').length > 0);
});

// ---- config samples -------------------------------------------------------------------------

/** What a fragment is merged into: a project with one OAuth integration that has an API. */
const baseIntegration = () => ({
  id: 'docs-integration',
  type: 'docs',
  name: 'Docs',
  brandColor: '#000000',
  shortDescription: 'A sample from the docs.',
  auth: {
    scheme: 'oauth2',
    authorizationUrl: 'https://auth.example.com/authorize',
    tokenUrl: 'https://auth.example.com/token',
    clientId: 'docs',
    clientSecret: { env: 'DOCS_CLIENT_SECRET' },
    scopes: ['read'],
    // The account values the per-account base URLs of docs/proxy.md name.
    accountInfo: { url: 'https://api.example.com/me', idPath: 'id', providerData: { shop: 'shop', instanceUrl: 'instance_url' } },
  },
  api: { baseUrl: 'https://api.example.com' },
});

const configAround = (integration: Record<string, unknown>) => ({
  projects: [
    {
      id: 'docs-project',
      name: 'Docs',
      allowedOrigins: ['https://app.example.com'],
      signingKeys: [{ kid: 'k1', publicKeyFile: 'k1.public.pem' }],
      integrations: [integration],
    },
  ],
});

/** The whole config files a sample stands for: itself, or each fragment merged into the base. */
function configsOf(sample: Sample): unknown[] {
  const fragment = sample.meta.fragment;
  const parts = sample.meta['each-line'] ? sample.code.split('\n').filter((line) => line.trim()) : [sample.code];
  return parts.map((part) => {
    if (!fragment) return JSON.parse(part);
    if (fragment === 'integration') return configAround({ ...baseIntegration(), ...JSON.parse(part) });
    if (fragment === 'integration-keys') return configAround({ ...baseIntegration(), ...JSON.parse(`{${part}}`) });
    if (fragment === 'workflow') return configAround({ ...baseIntegration(), workflows: [JSON.parse(part)] });
    throw new Error(`${where(sample)}: unknown fragment "${String(fragment)}" (integration, integration-keys, workflow)`);
  });
}

/** Every `publicKeyFile`, and every `{ "file": … }` and `{ "env": … }` secret, of a config. */
function referencesOf(value: unknown, found = { keys: new Set<string>(), files: new Set<string>(), env: new Set<string>() }) {
  if (Array.isArray(value)) for (const item of value) referencesOf(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'publicKeyFile' && typeof child === 'string') found.keys.add(child);
      else if (key === 'file' && typeof child === 'string') found.files.add(child);
      else if (key === 'env' && typeof child === 'string') found.env.add(child);
      else referencesOf(child, found);
    }
  }
  return found;
}

test('config samples load with the server config loader: secrets and keys they name are made for them', async () => {
  const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' });
  const dir = await mkdtemp(join(tmpdir(), 'docs-config-'));
  // Workflow modules are named relative to the config: the demo's hold the ones the docs name.
  await symlink(resolve('demo/workflows'), join(dir, 'workflows'));
  try {
    for (const sample of ofKind('config')) {
      for (const raw of configsOf(sample)) {
        const { keys, files, env } = referencesOf(raw);
        for (const file of keys) await mkdir(dirname(join(dir, file)), { recursive: true }).then(() => writeFile(join(dir, file), publicKey));
        for (const file of files) await mkdir(dirname(join(dir, file)), { recursive: true }).then(() => writeFile(join(dir, file), 'a-secret'));
        const environment = { ...Object.fromEntries([...env].map((name) => [name, 'a-secret'])), DOCS_CLIENT_SECRET: 'a-secret' };
        await assert.doesNotReject(parseConfig(raw, where(sample), dir, environment), `${where(sample)} is not a valid config`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- typed samples --------------------------------------------------------------------------

/** The names a typed sample may use without declaring them: what the surrounding prose gives it. */
const AMBIENT = `
import type { Paragon, FileDescriptor, FilePickerOptions } from '../host-bridge/src/index.js';
declare global {
  const paragon: Paragon;
  const projectId: string;
  const userToken: string;
  const credentialId: string;
  const selectedCredentialId: string;
  const onFileSelect: FilePickerOptions['onFileSelect'];
  function upload(files: FileDescriptor[]): void;
}
export {};
`;

/**
 * Type-checks samples as modules: at `file=` when one says where it lives, else in a folder of
 * their own beside the ambient names. Answers each problem at its line in the Markdown.
 */
function typeCheck(typed: Sample[], looser: ts.CompilerOptions = {}): string[] {
  const root = resolve('.');
  const files = new Map<string, { sample?: Sample; text: string }>([[join(root, 'docs-samples', 'ambient.d.ts'), { text: AMBIENT }]]);
  typed.forEach((sample, index) => {
    const path = typeof sample.meta.file === 'string' ? join(root, sample.meta.file) : join(root, 'docs-samples', `sample-${index}.ts`);
    files.set(path, { sample, text: `${sample.code}\nexport {};\n` });
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    experimentalDecorators: true,
    useDefineForClassFields: false,
    baseUrl: root,
    paths: { '@connect-portal/client': ['host-bridge/src/index.ts'], '@connect-portal/client/element': ['host-bridge/src/element.ts'] },
    ...looser,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const read = host.readFile.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  host.readFile = (name) => files.get(name)?.text ?? read(name);
  host.getSourceFile = (name, language, ...rest) => {
    const virtual = files.get(name);
    return virtual ? ts.createSourceFile(name, virtual.text, language) : getSourceFile(name, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  // The sources are checked by tsc with the project's own options; here only the samples.
  const ofSamples = ts.getPreEmitDiagnostics(program).filter((diagnostic) => !diagnostic.file || files.has(diagnostic.file.fileName));
  return ofSamples.map((diagnostic) => {
    const virtual = diagnostic.file && files.get(diagnostic.file.fileName);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!virtual?.sample || diagnostic.start === undefined) return `${diagnostic.file?.fileName ?? ''}: ${text}`;
    const { line } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    return `${virtual.sample.file}:${virtual.sample.line + 1 + line}: ${text}`;
  });
}

const isJs = (sample: Sample) => sample.lang === 'js';

test('TypeScript samples type-check strictly against the real types', () => {
  assert.deepEqual(typeCheck(ofKind('typed').filter((sample) => !isJs(sample))), []);
});

test('JavaScript samples type-check against the real types: every method, option and property they use exists', () => {
  // JavaScript has no null checks or typed catch bindings to write: those alone are not asked of it.
  const js = [...ofKind('typed'), ...ofKind('page')].filter(isJs);
  assert.deepEqual(typeCheck(js, { strictNullChecks: false, useUnknownInCatchVariables: false }), []);
});

// ---- the element's CSS and markup -----------------------------------------------------------

interface Declaration {
  tagName?: string;
  attributes?: { name: string; type?: { text: string } }[];
  cssProperties?: { name: string }[];
  cssParts?: { name: string }[];
}

test('CSS and markup samples of the element name only its declared custom properties, parts and attributes', async () => {
  const manifest = JSON.parse(await readFile('custom-elements.json', 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const root = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'paragon-connect-portal')!;
  const properties = new Set(root.cssProperties!.map((property) => property.name));
  const parts = new Set(root.cssParts!.map((part) => part.name));
  const attributes = new Map(root.attributes!.map((attribute) => [attribute.name, attribute.type?.text ?? 'string']));
  for (const sample of ofKind('element')) {
    for (const [, name] of sample.code.matchAll(/(--paragon-[\w-]+)/g)) assert.ok(properties.has(name!), `${where(sample)}: ${name} is not declared`);
    for (const [, name] of sample.code.matchAll(/::part\(([\w-]+)\)/g)) assert.ok(parts.has(name!), `${where(sample)}: part ${name} is not exported`);
    for (const [, tagAttributes] of sample.code.matchAll(/<paragon-connect-portal([^>]*)>/g)) {
      for (const [, name, value] of tagAttributes!.matchAll(/([\w-]+)="([^"]*)"/g)) {
        const type = attributes.get(name!);
        assert.ok(type, `${where(sample)}: <paragon-connect-portal> has no attribute ${name}`);
        if (type.includes("'")) assert.ok(type.includes(`'${value}'`), `${where(sample)}: ${name}="${value}" is not one of ${type}`);
      }
    }
  }
});

test('docs/theming.md lists every custom property and part the portal declares', async () => {
  const manifest = await readFile('custom-elements.json', 'utf8');
  const theming = await readFile('docs/theming.md', 'utf8');
  const root = (JSON.parse(manifest) as { modules: { declarations?: Declaration[] }[] }).modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'paragon-connect-portal')!;
  for (const { name } of root.cssProperties!) assert.match(theming, new RegExp(`\\| \`${name}\` \\|`), `${name} is missing from docs/theming.md`);
  for (const { name } of root.cssParts!) assert.match(theming, new RegExp(`\\| \`${name}\` \\|`), `part ${name} is missing from docs/theming.md`);
});

// ---- Content-Security-Policy samples --------------------------------------------------------

/** A policy's directives, each as its normalised text, with `CONNECT` standing for the Connect server. */
const directivesOf = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/).join(' '))
    .filter(Boolean);

test('CSP samples are what the e2e host apps run under: the frame-mode policy exactly, the others directive by directive', () => {
  const hostApps = directivesOf(hostPolicy('CONNECT'));
  for (const sample of ofKind('csp')) {
    const directives = directivesOf(sample.code);
    if (sample.meta.csp === 'host-apps') assert.deepEqual(directives, hostApps, where(sample));
    else
      for (const directive of directives) assert.ok(hostApps.includes(directive), `${where(sample)}: "${directive}" is not in the host apps' policy`);
  }
  assert.ok(
    ofKind('csp').some((sample) => sample.meta.csp === 'host-apps'),
    'docs/csp.md gives the frame-mode policy',
  );
});
