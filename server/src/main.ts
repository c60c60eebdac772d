/**
 * Starts a Connect server: loads and validates the config, opens the store (applying its
 * migrations), listens on plain HTTP; on SIGTERM or SIGINT it stops accepting, finishes the
 * requests in flight (up to a deadline), stops the workflow queue, closes the store and exits 0.
 *
 * Run directly: `node --import tsx server/src/main.ts [config] [port]` (`npm run start:production`).
 * Environment (docs/self-hosting.md, "Production"): `CONNECT_CONFIG` and `PORT` (when not given as
 * arguments), `CONNECT_HOST` (default 127.0.0.1), `DATA_DIR` (the SQLite folder and secret key,
 * default ./data), `DATABASE_URL` (PostgreSQL instead), `CONNECT_SECRET_KEY` and
 * `CONNECT_PREVIOUS_SECRET_KEYS` (secrets/keys.ts), `CONNECT_PORTAL_DIR` (default ./dist/portal),
 * `CONNECT_TRUST_PROXY` (overrides the config's `trustProxy`),
 * `CONNECT_RATE_LIMIT_PER_MINUTE` (overrides `limits.requestsPerUserPerMinute`),
 * `CONNECT_SHUTDOWN_TIMEOUT_SECONDS` (default 10), `NODE_ENV=production` (no demo config default).
 */
import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildConnectServer } from './app.js';
import { loadConfig } from './config/load.js';
import { MANIFEST_FILE } from './portal-files.js';
import { perMinute } from './rate-limit.js';
import { openSecretBox } from './secrets/keys.js';
import { describeStore, openStore } from './store/database.js';
import { trustProxyFromEnv, type TrustProxy } from './trust-proxy.js';

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
  /** The proxies trusted for `X-Forwarded-*` (`false`: none); overrides the config file's `trustProxy`. */
  trustProxy?: TrustProxy | false;
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
  const secrets = await openSecretBox(options.dataDir);
  const app = await buildConnectServer({
    config,
    store,
    secrets,
    portalDir: options.portalDir,
    databaseUrl: options.databaseUrl,
    rateLimit: perMinute(options.rateLimitPerMinute),
    trustProxy: options.trustProxy,
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization'] } : false,
  });
  const trusted = options.trustProxy ?? config.trustProxy;
  app.log.info(trusted ? `trusting X-Forwarded-* from ${trusted.join(', ')}` : 'trusting no proxy: X-Forwarded-* is ignored');
  if (!existsSync(join(options.portalDir, MANIFEST_FILE))) app.log.warn(`${options.portalDir} holds no built portal: run \`npm run build\``);
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

/** How long shutdown may take before the process exits anyway (a load balancer's drain is longer). */
const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

/** The config file: the first argument, else `CONNECT_CONFIG`; the demo's only outside production. */
function configPathOf(argument: string | undefined, env = process.env): string {
  const path = argument ?? (env.CONNECT_CONFIG || undefined);
  if (path) return path;
  if (env.NODE_ENV === 'production') throw new Error('Give the config file: CONNECT_CONFIG=/path/connect.config.json (or as the first argument).');
  return 'demo/connect.config.json';
}

async function main(): Promise<void> {
  const [configArgument, portArgument] = process.argv.slice(2);
  const port = portArgument ?? (process.env.PORT || '4400');
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`The port must be a number from 0 to 65535, not "${port}".`);
  const shutdownTimeoutSeconds = positiveInteger('CONNECT_SHUTDOWN_TIMEOUT_SECONDS') ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS;
  const server = await startConnectServer({
    configPath: configPathOf(configArgument),
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    databaseUrl: process.env.DATABASE_URL || undefined,
    portalDir: resolve(process.env.CONNECT_PORTAL_DIR || 'dist/portal'),
    host: process.env.CONNECT_HOST || undefined,
    port: Number(port),
    logger: true,
    rateLimitPerMinute: positiveInteger('CONNECT_RATE_LIMIT_PER_MINUTE'),
    trustProxy: trustProxyFromEnv(process.env.CONNECT_TRUST_PROXY),
  });
  const shutdown = (signal: NodeJS.Signals) => {
    server.app.log.info(`${signal}: finishing the requests in flight, then stopping`);
    setTimeout(() => {
      server.app.log.error(`requests still in flight after ${shutdownTimeoutSeconds} s: exiting without them`);
      process.exit(1);
    }, shutdownTimeoutSeconds * 1000).unref();
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

// Node loads the module by its real path: compare with the real path of the one it was asked to
// run, or a server started through a symlinked folder (a `current` release link) would exit at once.
const startedAs = process.argv[1];
if (startedAs && import.meta.url === pathToFileURL(realpathSync(startedAs)).href) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
