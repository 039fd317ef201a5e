import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * Keys that may hold personal data. Any log object carrying them is censored, as a second line of
 * defence: code should never pass them in the first place.
 */
const redactedKeys = [
  'ip',
  'ips',
  'remoteAddress',
  'remotePort',
  'x-forwarded-for',
  'x-real-ip',
  'cookie',
  'set-cookie',
  'authorization',
  'password',
  'phone',
  'email',
  'name',
  'address',
  'body',
  'text',
  'token',
  'secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'amparo' },
      redact: {
        paths: [...redactedKeys, ...redactedKeys.map((key) => `*.${key}`)],
        censor: '[redacted]',
      },
      // Fastify's default serializers record the client address; these record only the route.
      serializers: {
        req: (request: { method?: string; routeOptions?: { url?: string }; id?: string }) => ({
          id: request.id,
          method: request.method,
          route: request.routeOptions?.url ?? '(unmatched)',
        }),
        res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}
