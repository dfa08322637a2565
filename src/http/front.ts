import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';

type Logger = FastifyBaseLogger & { levelVal?: number };

import { type ResponseStore, requestIdFor } from './response-store.js';

/**
 * The HTTP server, with the response cache in front of Fastify: a GET or HEAD that the cache
 * holds is answered before routing, with the same bytes and headers Fastify sent the first time,
 * its own request id and one log line; anything else goes to Fastify. Used only when no rate
 * limit has to count requests (with one, the lookup runs inside Fastify after the limiter).
 */
export function serverWithCacheInFront(
  store: ResponseStore,
  logger: () => Logger | undefined,
  options: { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number },
) {
  return (handler: (request: IncomingMessage, response: ServerResponse) => void): Server => {
    const server = createServer((request, response) => {
      const method = request.method;
      const key =
        (method === 'GET' || method === 'HEAD') && request.url ? store.key(request.url, request.headers) : null;
      const hit = key === null ? undefined : store.get(key);
      if (!hit) return handler(request, response);
      const log = logger();
      const logged = log !== undefined && (log.levelVal ?? 30) <= 30;
      const started = logged ? performance.now() : 0;
      const reqId = requestIdFor(request.headers);
      const statusCode = store.serve(request, response, hit, reqId);
      if (logged) {
        const responseTime = Math.round((performance.now() - started) * 100) / 100;
        log.info(
          { reqId, method, url: request.url, statusCode, responseTime, ip: request.socket.remoteAddress },
          'request',
        );
      }
    });
    // What Fastify sets on the servers it creates itself.
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    return server;
  };
}
