import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/** A TRUST_PROXY setting as Fastify takes it (main.ts turns a hop count into a function). */
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/**
 * The client address for a request handled before Fastify (no `req.ip` there), with the same
 * rules Fastify applies to `trustProxy`, using the same library, so both halves agree.
 */
export function clientAddressFor(trust: TrustProxy): (req: IncomingMessage) => string {
  if (trust === false) return (req) => req.socket.remoteAddress ?? '';
  const fn = typeof trust === 'function' ? trust : trust === true ? () => true : proxyAddr.compile(trust.split(',').map((s) => s.trim()));
  return (req) => proxyAddr(req, fn);
}
