import type { ProxyTrust } from '../config/address-lists.ts';

/**
 * AMPARO_TRUST_PROXY in the form Fastify takes. A hop count becomes Express's rule (trust the
 * `hops` addresses nearest the server, counting the socket's peer as hop 0): Fastify itself treats
 * a number as "trust nothing". A list goes to proxy-addr as it is, so `request.ip` is the first
 * X-Forwarded-For entry, from the right, that is not a listed proxy.
 */
export function fastifyTrustProxy(
  trust: ProxyTrust,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}
