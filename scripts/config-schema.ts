/**
 * Writes docs/connect.config.schema.json, the JSON Schema of connect.config.json generated from the
 * TypeBox schema the server validates with (server/src/config/schema.ts), so that editors complete
 * and check the file (`"$schema": "./connect.config.schema.json"`). server/test/config-schema.test.ts
 * fails when the committed file is stale: run `node --import tsx scripts/config-schema.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { ConfigFile } from '../server/src/config/schema.js';

export const SCHEMA_FILE = 'docs/connect.config.schema.json';

export function configJsonSchema(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'connect.config.json',
    ...(JSON.parse(JSON.stringify(ConfigFile)) as object),
  };
  return `${JSON.stringify(schema)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) await writeFile(SCHEMA_FILE, configJsonSchema());
