import type { FastifyReply } from 'fastify';

/** Sends a rendered document as UTF-8 HTML. */
export function sendPage(reply: FastifyReply, document: string, statusCode = 200): FastifyReply {
  return reply.code(statusCode).type('text/html; charset=utf-8').send(document);
}
