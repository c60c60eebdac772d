/**
 * The component tests' side of the real Connect server that web-test-runner starts
 * (scripts/component-server.ts): sessions for fresh users, direct API calls to set up or read
 * state, and faults injected into the next matching request.
 */
import type { SessionHandOver } from '../../../protocol/src/rpc.js';

// The Connect server listens on the port after the test page's, the control server on the next.
const pagePort = Number(location.port);
export const CONNECT_URL = `http://127.0.0.1:${pagePort + 1}`;
const CONTROL_URL = `http://127.0.0.1:${pagePort + 2}`;

let users = 0;

/** A user name no other test uses, so each test starts with no accounts. */
export const freshUser = (label = 'user') => `${label}-${Date.now()}-${++users}`;

/**
 * A session (signed user token) for `sub`; `expired` signs one that expired an hour ago.
 * `projectId` picks another project of the server's config than the one every test uses.
 */
export async function sessionFor(
  sub = freshUser(),
  { expired = false, projectId }: { expired?: boolean; projectId?: string } = {},
): Promise<SessionHandOver> {
  const query = new URLSearchParams({ sub, ...(expired ? { expired: '1' } : {}), ...(projectId ? { project: projectId } : {}) });
  const response = await fetch(`${CONTROL_URL}/token?${query}`);
  const handOver = (await response.json()) as SessionHandOver;
  return { token: handOver.token, projectId: handOver.projectId, connectUrl: handOver.connectUrl };
}

/** Calls the SDK API as the session's user; answers the JSON, throwing on an error status. */
export async function api<T = unknown>(
  session: SessionHandOver,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(`${CONNECT_URL}/projects/${session.projectId}/sdk${path}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Makes the next `method` request whose URL matches `path` answer `status` with `code`. */
export async function failNext(method: string, path: string, status = 500, code = 'internal_error'): Promise<void> {
  await fetch(`${CONTROL_URL}/fail-next?${new URLSearchParams({ method, path, status: String(status), code })}`);
}
