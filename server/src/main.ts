/**
 * Starts a Connect server: loads and validates the config, opens the store, listens.
 * Run directly: `node --import tsx server/src/main.ts <config> [port]`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildConnectServer } from './app.js';
import { loadConfig } from './config.js';
import { createSecretBox, loadSecretKey } from './secrets.js';
import { describeStore, openStore } from './store/database.js';

export interface StartOptions {
  configPath: string;
  dataDir: string;
  /** PostgreSQL instead of the SQLite file in `dataDir`. */
  databaseUrl?: string;
  portalDir: string;
  host?: string;
  port?: number;
  logger?: boolean;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startConnectServer(options: StartOptions): Promise<RunningServer> {
  const config = await loadConfig(options.configPath);
  const store = await openStore(options);
  const secrets = createSecretBox(await loadSecretKey(options.dataDir));
  const app = await buildConnectServer({
    config,
    store,
    secrets,
    portalDir: options.portalDir,
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
  });
  const url = await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 4400 });
  app.log.info(`store: ${describeStore(options)}`);
  return {
    url,
    app,
    async close() {
      await app.close();
      await store.destroy();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [configPath = 'demo/connect.config.json', port = '4400'] = process.argv.slice(2);
  startConnectServer({
    configPath,
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    databaseUrl: process.env.DATABASE_URL,
    portalDir: resolve('dist/portal'),
    port: Number(port),
    logger: true,
  }).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
