/**
 * Keeps per-account API hosts (a Salesforce instance, a self-hosted Jira) off this server's own
 * network: loopback, private, link-local (cloud metadata), CGNAT, multicast and reserved ranges
 * are refused, whether the host is written as an address (`http://2130706433`, `[::ffff:127.0.0.1]`,
 * which WHATWG URL parsing has already normalised) or is a name that resolves to one. The check
 * runs inside the socket's own DNS lookup, so the address vetted is the address connected to: a
 * name that answers differently the second time (DNS rebinding) gains nothing.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ErrorCode } from '../../../protocol/src/errors.js';
import { HttpError } from '../http-error.js';

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Names that mean "this machine" or its cloud metadata service whatever DNS says. */
const PRIVATE_NAMES = /(^|\.)localhost$|^metadata\.google\.internal$|^metadata$/i;

/** True when `address` (an IPv4 or IPv6 literal, IPv4-mapped forms included) is not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  // An unparseable address is treated as private: refused, never guessed at.
  return family === 0 || privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const refused = (host: string, why: string) =>
  new HttpError(400, ErrorCode.invalidUrl, `The account's API host "${host}" ${why}; the proxy only calls public addresses.`);

/** Refuses a host that is a private address or a private name, before any lookup or socket. */
export function assertPublicHost(hostname: string): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0 ? isPrivateAddress(bare) : PRIVATE_NAMES.test(bare)) throw refused(hostname, 'is a private or local address');
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
export type Lookup = (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => void;

/**
 * A `lookup` for `http.request` that resolves as usual and then fails the connection if any
 * address of the name is private. `resolve` is the machine's DNS unless a test gives another.
 */
export function publicOnlyLookup(resolve: typeof dnsLookup = dnsLookup): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const found = addresses as LookupAddress[];
      if (found.length === 0 || found.some(({ address }) => isPrivateAddress(address))) {
        return callback(refused(hostname, 'resolves to a private or local address') as unknown as NodeJS.ErrnoException, []);
      }
      if ((options as LookupAllOptions).all) return callback(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };
}
