/** The published JSON Schema of connect.config.json is the one the server validates with, and accepts the demo's config. */
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configJsonSchema, SCHEMA_FILE } from '../../scripts/config-schema.js';

test('docs/connect.config.schema.json is current (else run `node --import tsx scripts/config-schema.ts`)', async () => {
  assert.equal(await readFile(SCHEMA_FILE, 'utf8'), configJsonSchema(), `${SCHEMA_FILE} is stale: run node --import tsx scripts/config-schema.ts`);
});

test('the schema names every top-level field of the config file', () => {
  const schema = JSON.parse(configJsonSchema()) as { properties: Record<string, unknown>; required: string[] };
  assert.ok('projects' in schema.properties);
  assert.deepEqual(schema.required, ['projects']);
});
