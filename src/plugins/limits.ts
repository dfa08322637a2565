import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem, problemKinds, problemType } from '../http/problems.js';

/** The longest request target (path and query) answered; longer is a 414. */
export const MAX_URL_LENGTH = 2048;
/** Node's limit on all request headers together; larger is a 431. */
export const MAX_HEADER_BYTES = 16 * 1024;
/** The longest path parameter the router matches; longer is a 414 (a Fastify framework error). */
export const MAX_PARAM_LENGTH = 200;

/**
 * Rejects an overlong request target before a route validates or runs. Registered after CORS
 * (plugins/security.ts), whose hook may be preValidation too, so that a 414 carries CORS headers.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', (request, _reply, done) => {
      if (request.url.length > MAX_URL_LENGTH) {
        return done(
          new ApiProblem(
            'uri-too-long',
            `the request target is ${request.url.length} characters; at most ${MAX_URL_LENGTH} are accepted`,
          ),
        );
      }
      done();
    });
  },
  { name: 'limits', dependencies: ['security'] },
);

/**
 * Requests Node cannot parse (headers too large, malformed request line) never reach Fastify's
 * handlers: answer them as problems too, then close the connection.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket) {
  if (!socket.writable) return socket.destroy();
  const kind = error.code === 'HPE_HEADER_OVERFLOW' ? 'header-fields-too-large' : 'invalid-parameter';
  const status = problemKinds[kind].status;
  const detail =
    kind === 'header-fields-too-large'
      ? `the request headers exceed ${MAX_HEADER_BYTES} bytes`
      : 'the request could not be parsed as HTTP/1.1';
  const body = JSON.stringify({
    type: problemType(kind),
    title: problemKinds[kind].title,
    status,
    detail,
    instance: '/',
    requestId: randomUUID(),
  });
  socket.end(
    `HTTP/1.1 ${status} ${problemKinds[kind].title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
