/**
 * The published JSON Schema of connect.config.json, and the reference in docs/self-hosting.md, are
 * generated from the schema the server validates with, and are current.
 */
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configReference, REFERENCE_FILE, withReference } from '../../scripts/config-reference.js';
import { configJsonSchema, SCHEMA_FILE } from '../../scripts/config-schema.js';

test('docs/connect.config.schema.json is current (else run `node --import tsx scripts/config-schema.ts`)', async () => {
  assert.equal(await readFile(SCHEMA_FILE, 'utf8'), configJsonSchema(), `${SCHEMA_FILE} is stale: run node --import tsx scripts/config-schema.ts`);
});

test('the schema names every top-level field of the config file', () => {
  const schema = JSON.parse(configJsonSchema()) as { properties: Record<string, unknown>; required: string[] };
  assert.ok('projects' in schema.properties);
  assert.deepEqual(schema.required, ['projects']);
});

test('the configuration reference in docs/self-hosting.md is current (else run `node --import tsx scripts/config-reference.ts`)', async () => {
  const document = await readFile(REFERENCE_FILE, 'utf8');
  assert.equal(document, withReference(document, configReference()), `${REFERENCE_FILE} is stale: run node --import tsx scripts/config-reference.ts`);
});

test('the reference gives each field its type, default and constraints', () => {
  const reference = configReference();
  const rowOf = (table: string, field: string) => {
    const section = reference.split('\n#### ').find((part) => part.startsWith(table));
    assert.ok(section, `no table ${table}`);
    return section.split('\n').find((line) => line.startsWith(`| \`${field}\` |`));
  };
  assert.equal(rowOf('`projects[].integrations[].api`', 'timeoutSeconds'), '| `timeoutSeconds` | integer |  | `30` | 1–300 | Per attempt. |');
  assert.ok(
    rowOf('The file', 'trustProxy')!.startsWith(
      '| `trustProxy` | array of string |  |  | 1–100 items; each: 1–64 characters | The reverse proxies trusted',
    ),
  );
  assert.match(rowOf('The file', 'projects')!, /\| yes \|/);
  // A pattern's `|` is escaped, so that the table keeps its columns.
  assert.match(rowOf('`projects[].integrations[]`', 'icon')!, /pattern `\^\(https:\/\/\\\|/);
  // Inputs are documented once, by kind, and referred to by name.
  assert.match(rowOf('`projects[].integrations[]`', 'userSettings')!, /\| array of Input \|/);
  assert.ok(rowOf('Input, type "NUMBER"', 'step'));
  assert.ok(rowOf('SecretSource', 'env') && rowOf('SecretSource', 'file'));
});
