/**
 * A Connect server in a process of its own (`server/src/main.ts`, as production runs it), for the
 * tests that signal, kill and restart it: its config, keys and store outlive the process.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { KeyObject } from 'node:crypto';
import { createTestDatabase, newKeyPair, signToken, testConfig } from './harness.js';

export interface ServerProcess {
  url: string;
  /** Every line the server logged so far. */
  lines: string[];
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): void;
}

/** A config, a key pair and a store (a SQLite folder, or a fresh PostgreSQL database) to start servers on. */
export interface ServerSite {
  dataDir: string;
  databaseUrl?: string;
  privateKey: KeyObject;
  token(sub: string): Promise<string>;
  start(env?: Record<string, string>): Promise<ServerProcess>;
  remove(): Promise<void>;
}

/** Runs `use` on a new site for `config`, and removes the site (its servers, folder and database) whatever happens. */
export async function withServerSite<T>(config: object, use: (site: ServerSite) => Promise<T>): Promise<T> {
  const site = await createServerSite(config);
  try {
    return await use(site);
  } finally {
    await site.remove();
  }
}

export async function createServerSite(config: object = testConfig()): Promise<ServerSite> {
  const dataDir = await mkdtemp(join(tmpdir(), 'connect-process-'));
  const { publicKey, privateKey } = newKeyPair();
  await writeFile(join(dataDir, 'k1.public.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(join(dataDir, 'connect.config.json'), JSON.stringify(config));
  const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  const running = new Set<ServerProcess>();
  return {
    dataDir,
    databaseUrl: database?.url,
    privateKey,
    token: (sub) => signToken(privateKey, { sub }),
    async start(env = {}) {
      const server = await startProcess(join(dataDir, 'connect.config.json'), { DATA_DIR: dataDir, DATABASE_URL: database?.url ?? '', ...env });
      running.add(server);
      void server.exited.then(() => running.delete(server));
      return server;
    },
    async remove() {
      for (const server of running) server.kill('SIGKILL');
      await Promise.all([...running].map((server) => server.exited));
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function startProcess(configPath: string, env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcessByStdio<null, Readable, Readable> = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', configPath, '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(line);
        const url = /listening at (http:\/\/[^\s"]+)/.exec(line)?.[1];
        if (url) resolve({ url, lines, exited, kill: (signal) => child.kill(signal) });
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    void exited.then((code) => reject(new Error(`The server exited (${code}) before listening:\n${lines.join('\n')}`)));
  });
}
