/**
 * A third-party API on a loopback port, for the proxy's tests: it records every request it gets
 * (and every connection, so a test can prove that none was opened) and answers with a script the
 * test sets. The edge of the world, faked; everything before it is the real server.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type FakeHandler = (request: ReceivedRequest, response: ServerResponse, attempt: number) => void;

export interface FakeApi {
  origin: string;
  requests: ReceivedRequest[];
  connections: number;
  /** How the next requests are answered; `attempt` counts from 1 since the last `answer`. */
  answer(handler: FakeHandler): void;
  close(): Promise<void>;
}

export const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

export async function startFakeApi(): Promise<FakeApi> {
  let handler: FakeHandler = (request, response) => json(response, 200, { path: request.url });
  let attempt = 0;
  const server = createServer((incoming: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const received = {
        method: incoming.method!,
        url: incoming.url!,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      fake.requests.push(received);
      handler(received, response, ++attempt);
    });
  });
  server.on('connection', () => fake.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeApi = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: [],
    connections: 0,
    answer(next) {
      handler = next;
      attempt = 0;
      fake.requests = [];
      fake.connections = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
