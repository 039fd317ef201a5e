import dns from 'node:dns';
import https from 'node:https';
import net from 'node:net';
import { isAddressInRanges } from '../config/address-lists.ts';
import type { AddressRange } from '../config/address-lists.ts';

const blocked = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/**
 * Whether outbound requests may reach an address: a public one, or a private one the operator
 * listed in AMPARO_ALLOWED_PRIVATE_ADDRESSES (a self-hosted relay; default none).
 */
export function isReachableAddress(address: string, allowedPrivate: readonly AddressRange[] = []): boolean {
  return isPublicAddress(address) || isAddressInRanges(address, allowedPrivate);
}

/** Whether an address is on the public internet (not loopback, private, link-local, reserved). */
export function isPublicAddress(address: string): boolean {
  // An IPv4-mapped IPv6 address is judged by its IPv4 part (BlockList matches v4 rules for it).
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const candidate = mapped ?? address;
  const family = net.isIP(candidate);
  if (family === 0) return false;
  return !blocked.check(candidate, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * An HTTPS agent that refuses to connect to non-public addresses, checked on the address DNS
 * actually returned (a public-looking name can still resolve to 10.0.0.1 or be rebound later),
 * except the private addresses the operator allowed.
 */
export function createPublicOnlyHttpsAgent(allowedPrivate: readonly AddressRange[] = []): https.Agent {
  return new https.Agent({ keepAlive: true, maxSockets: 32, lookup: reachableOnlyLookup(allowedPrivate) });
}

/** A `lookup` for sockets that answers only reachable addresses (see isReachableAddress). */
export function reachableOnlyLookup(allowedPrivate: readonly AddressRange[] = []) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const allowed = addresses.filter((entry) => isReachableAddress(entry.address, allowedPrivate));
      const first = allowed[0];
      if (!first) {
        const refused: NodeJS.ErrnoException = new Error('push endpoint resolves to a non-public address');
        refused.code = 'EADDRNOTPUBLIC';
        return callback(refused, '');
      }
      if (options.all) return callback(null, allowed);
      callback(null, first.address, first.family);
    });
  };
}
