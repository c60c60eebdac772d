/**
 * Listening on the first free port of a range, for the scripts that start their own servers
 * beside other runs (bench/integration-view.ts, scripts/screenshots.ts): each keeps to its range.
 */
import type { Server } from 'node:http';

export interface PortRange {
  from: number;
  to: number;
}

/** Calls `listen` with each port of `range` until one is free; answers that port. */
export async function listenInRange(range: PortRange, listen: (port: number) => Promise<void>): Promise<number> {
  for (let port = range.from; port <= range.to; port++) {
    try {
      await listen(port);
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error(`No free port in ${range.from}–${range.to}.`);
}

/** Starts a Node HTTP server on 127.0.0.1 at the first free port of `range`; answers its origin. */
export async function listenOnFreePort(server: Server, range: PortRange): Promise<string> {
  const port = await listenInRange(
    range,
    (candidate) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(candidate, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
  );
  return `http://127.0.0.1:${port}`;
}
