/**
 * Which hops in front of the server are trusted to say who the client is. Off by default: then
 * `request.ip` is the peer's address and `X-Forwarded-*` is ignored, as it must be when anyone can
 * reach the server directly (a client could name any address and slip past the failed sign-in
 * limit, which counts per address). Behind a reverse proxy or load balancer, list the proxies'
 * addresses or CIDR ranges (`10.0.0.0/8`; or `loopback`, `linklocal`, `uniquelocal`): the client
 * is then the nearest address in `X-Forwarded-For`, walking back from the peer, that is not one
 * of them, so an address a client wrote itself at the left of the header is never taken; and
 * `X-Forwarded-Proto` and `X-Forwarded-Host` count only when the peer is trusted.
 *
 * Hop counts and "trust everything" are not offered: they cannot tell the proxy from a client
 * that reached the server directly (Fastify itself now refuses a hop count, trusting nothing).
 */
import { isIP } from 'node:net';

export type TrustProxy = string[];

const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Why `entry` is not an address, a CIDR range or a range name, or `undefined` when it is one. */
export function trustedHopProblem(entry: string): string | undefined {
  if (RANGE_NAMES.has(entry)) return undefined;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address, a CIDR range, or one of loopback, linklocal, uniquelocal`;
  if (prefix !== undefined) {
    const bits = Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (!/^[0-9]{1,3}$/.test(prefix) || bits > max) return `"${entry}" has a prefix length over ${max}`;
  }
  return undefined;
}

/**
 * `CONNECT_TRUST_PROXY`: a comma-separated list of addresses and ranges (`10.0.0.0/8,loopback`),
 * or `off`; `undefined` when unset (the config file decides). Anything else stops the start,
 * naming the entry at fault.
 */
export function trustProxyFromEnv(text: string | undefined, name = 'CONNECT_TRUST_PROXY'): TrustProxy | false | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = text.trim();
  if (value === 'off') return false;
  const entries = value.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const problem = trustedHopProblem(entry);
    if (problem) throw new Error(`${name}: ${problem}.`);
  }
  return entries;
}
