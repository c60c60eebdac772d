/** docs/api.md, the reference of the `paragon` object, is generated from host-bridge/src/types.ts and is current. */
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API_FILE, apiReference } from '../../scripts/api-reference.js';

const reference = apiReference();

/** The section of `reference` under the heading `### \`name\``. */
function section(name: string): string {
  const part = reference.split('\n### ').find((candidate) => candidate.startsWith(`\`${name}\`\n`));
  assert.ok(part, `no section ${name}`);
  return part;
}

test('docs/api.md is current (else run `node --import tsx scripts/api-reference.ts`)', async () => {
  assert.equal(await readFile(API_FILE, 'utf8'), reference, `${API_FILE} is stale: run node --import tsx scripts/api-reference.ts`);
});

test('every method has a section, in the order of the Paragon interface, with its signature and JSDoc', () => {
  const methods = [...reference.split('\n## Types')[0]!.matchAll(/^### `(\w+)`$/gm)].map((match) => match[1]);
  assert.equal(methods[0], 'configureGlobal');
  assert.equal(methods.at(-1), 'destroy');
  assert.ok(methods.indexOf('authenticate') < methods.indexOf('connect'));
  // Overloads share one section.
  assert.equal(methods.filter((name) => name === 'getIntegrationMetadata').length, 1);
  assert.match(
    section('getIntegrationMetadata'),
    /getIntegrationMetadata\(\): IntegrationMetadata\[\];\ngetIntegrationMetadata\(integrationType: string\)/,
  );
  assert.match(
    section('connect'),
    /```ts\nconnect\(integrationType\?: string, params\?: ConnectParams\): Promise<IntegrationInstallEvent \| undefined>;\n```\n\nOpens the portal/,
  );
});

test('the option types are tables, with inherited properties and escaped unions', () => {
  const rowOf = (type: string, property: string) =>
    section(type)
      .split('\n')
      .find((line) => line.startsWith(`| \`${property}\` |`));
  assert.equal(
    rowOf('ConnectParams', 'accountType'),
    '| `accountType` | `string` | An account connected from this portal is of this type: the choice of account type is skipped. | yes |',
  );
  // From `extends ConnectCallbacks`, and from `Omit<ConnectCallbacks, …>` less what it omits.
  assert.equal(
    rowOf('ConnectParams', 'onSuccess'),
    "| `onSuccess` | `EventListener<'onIntegrationInstall'>` | Paragon's fallback for `onInstall`. | yes |",
  );
  assert.ok(rowOf('InstallIntegrationOptions', 'onInstall'));
  assert.equal(rowOf('InstallIntegrationOptions', 'onOpen'), undefined);
  // A required property has an empty Optional column.
  assert.equal(
    rowOf('CompleteInstallOptions', 'authorizationCode'),
    "| `authorizationCode` | `string` | The code the provider sent to the app's redirect URI. |  |",
  );
  assert.match(rowOf('FilePickerInitOptions', 'vendor')!, /^\| `vendor` \| `boolean` \| Use the vendor's own picker/);
  assert.match(rowOf('InstallFlow', 'next')!, /`next\(\): InstallFlowStage \\\| undefined`/);
  for (const type of ['ConnectCallbacks', 'FilePickerOptions', 'DataSources', 'CredentialOptions']) assert.ok(section(type));
});
