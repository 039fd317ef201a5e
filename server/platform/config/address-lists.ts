import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Parsing of the address settings (AMPARO_TRUST_PROXY, AMPARO_ALLOWED_PRIVATE_ADDRESSES): comma
 * lists of IP addresses and CIDR ranges, checked with ipaddr.js so a typo fails start-up instead of
 * silently trusting or allowing nothing (or everything).
 */

/** What Fastify's `trustProxy` receives: off, the number of proxy hops, or the proxies' addresses. */
export type ProxyTrust = false | number | string[];

/** proxy-addr's names for whole ranges, accepted in a trust list like Express's `trust proxy`. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * `false`/empty → off; a whole number of hops (1–10) → that many proxies in front; otherwise a comma
 * list of addresses/CIDRs (and loopback, linklocal, uniquelocal). `true` is refused: it would trust
 * every X-Forwarded-For hop, letting a client choose its own address.
 */
export function parseProxyTrust(value: string | undefined): Parsed<ProxyTrust> {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false' || text === '0') return { ok: true, value: false };
  if (text === 'true') {
    return {
      ok: false,
      problem:
        '"true" would trust every X-Forwarded-For hop (clients could pick their own address); give the number of proxies in front (e.g. 1) or their addresses/CIDRs (e.g. 10.0.0.5,127.0.0.1)',
    };
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) return { ok: false, problem: `${hops} proxy hops is more than any deployment has (1–10)` };
    return { ok: true, value: hops };
  }
  const entries = splitList(text);
  const bad = entries.filter((entry) => !proxyRangeNames.has(entry) && !isAddressOrRange(entry));
  if (bad.length > 0) {
    return {
      ok: false,
      problem: `not a hop count or a list of proxy addresses/CIDRs: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}`,
    };
  }
  return { ok: true, value: entries };
}

/** A comma list of addresses/CIDRs; empty → none. Each is parsed, so `10.0.0.0/33` fails. */
export function parseAddressRanges(value: string | undefined): Parsed<AddressRange[]> {
  const entries = splitList((value ?? '').trim());
  const ranges: AddressRange[] = [];
  const bad: string[] = [];
  for (const entry of entries) {
    const range = addressRangeOf(entry);
    if (range) ranges.push(range);
    else bad.push(entry);
  }
  if (bad.length > 0) {
    return {
      ok: false,
      problem: `not an address or CIDR: ${bad.map((entry) => JSON.stringify(entry)).join(', ')}`,
    };
  }
  return { ok: true, value: ranges };
}

/** One allowed range, kept as text so the config stays plain data (`10.0.0.0/8`, `192.168.1.5/32`). */
export type AddressRange = string;

function splitList(text: string): string[] {
  return text === '' ? [] : text.split(',').map((entry) => entry.trim());
}

function isAddressOrRange(entry: string): boolean {
  return addressRangeOf(entry) !== null;
}

function addressRangeOf(entry: string): AddressRange | null {
  try {
    // node:net is strict where ipaddr.isValid accepts shorthand such as "10.1".
    const [literal = '', bitsText, extra] = entry.split('/');
    if (net.isIP(literal) === 0 || extra !== undefined) return null;
    if (bitsText !== undefined) {
      if (!/^\d{1,3}$/.test(bitsText)) return null;
      const [address, bits] = ipaddr.parseCIDR(entry);
      return `${address.toString()}/${bits}`;
    }
    const address = ipaddr.parse(entry);
    return `${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`;
  } catch {
    return null;
  }
}

/** Whether an IP literal falls inside one of the ranges (IPv4-mapped IPv6 compared as IPv4). */
export function isAddressInRanges(address: string, ranges: readonly AddressRange[]): boolean {
  if (net.isIP(address) === 0) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return ranges.some((range) => {
    const [network, bits] = ipaddr.parseCIDR(range);
    return network.kind() === parsed.kind() && parsed.match([network, bits]);
  });
}
