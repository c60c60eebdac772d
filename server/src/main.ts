/**
 * Starts a Connect server: loads and validates the config, opens the store, listens; on SIGTERM
 * or SIGINT it stops accepting, finishes the requests in flight and closes the store.
 *
 * Run directly: `node --import tsx server/src/main.ts <config> [port]`. Environment:
 * `DATA_DIR` (the SQLite folder and secret key, default ./data), `DATABASE_URL` (PostgreSQL
 * instead), `CONNECT_SECRET_KEY`, `CONNECT_RATE_LIMIT_PER_MINUTE` (overrides the config's
 * `limits.requestsPerUserPerMinute`).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildConnectServer } from './app.js';
import { loadConfig } from './config/load.js';
import { perMinute } from './rate-limit.js';
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
  /** Requests per user per minute; overrides the config file's `limits`. */
  rateLimitPerMinute?: number;
}

export interface RunningServer {
  url: string;
  app: FastifyInstance;
  /** Stops accepting connections, lets the requests in flight finish, then closes the store. */
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
    databaseUrl: options.databaseUrl,
    rateLimit: perMinute(options.rateLimitPerMinute),
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

/** A positive whole number from the environment, or `undefined` when unset; anything else stops the start. */
function positiveInteger(name: string, env = process.env): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${text}".`);
  return value;
}

/** How long shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const [configPath = 'demo/connect.config.json', port = '4400'] = process.argv.slice(2);
  const server = await startConnectServer({
    configPath,
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    portalDir: resolve('dist/portal'),
    port: Number(port),
    logger: true,
    rateLimitPerMinute: positiveInteger('CONNECT_RATE_LIMIT_PER_MINUTE'),
  });
  const shutdown = (signal: NodeJS.Signals) => {
    server.app.log.info(`${signal}: finishing the requests in flight, then stopping`);
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: Error) => {
        server.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
