import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type HashedStart, representationDigest } from '../http/body-hash.js';
import { inNotModified, notModified, RATE_LIMIT_HEADERS, type ResponseStore } from '../http/response-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for a cacheable GET/HEAD; null otherwise. */
    responseCacheKey: string | null;
    servedFromCache: boolean;
  }
  interface FastifyReply {
    /** The start of the body, already hashed (http/respond.ts), so that its ETag hashes only the rest. */
    hashedStart: HashedStart | null;
  }
  interface FastifyInstance {
    responseCache: ResponseStore;
  }
}

// The request headers that choose a representation.
const VARY = ['accept', 'accept-encoding', 'accept-language'];

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** The dataset's content hash: part of every ETag, so a new dataset never matches an old one. */
  datasetHash: () => string;
  maxAge: number;
}

/**
 * Conditional requests, Cache-Control and ETag for every cacheable GET, and the filling of the
 * response cache: an answer is kept as sent (after @fastify/compress), so a repeat costs a lookup
 * and a 304 needs no body.
 */
export default fp(
  async (app: FastifyInstance, options: ResponseCacheOptions) => {
    const { store } = options;
    const cacheControl = `public, max-age=${options.maxAge}, stale-while-revalidate=86400`;

    app.decorate('responseCache', store);
    app.decorateRequest('responseCacheKey', null);
    app.decorateRequest('servedFromCache', false);
    app.decorateReply('hashedStart', null);

    // Route-level (only on cacheable GET routes), after the rate limiter's own route-level hook.
    function lookup(request: FastifyRequest, reply: FastifyReply, done: () => void) {
      const key = store.key(request.url, request.headers);
      request.responseCacheKey = key;
      const hit = key === null ? undefined : store.get(key);
      if (!hit) return done();
      request.servedFromCache = true;
      reply.hijack();
      const perRequest = ['x-request-id', request.id];
      for (const name of RATE_LIMIT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) perRequest.push(name, String(value));
      }
      reply.statusCode = store.serve(request.raw, reply.raw, hit, perRequest);
    }

    // Before compression: the ETag of the representation, and its caching headers.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.servedFromCache || reply.statusCode !== 200) return payload;
      if (!request.responseCacheKey) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      // Encoded once here: the hash, compression, the store and the socket all take these bytes.
      const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const digest = representationDigest(String(reply.getHeader('content-type')), bytes, reply.hashedStart);
      reply.header('etag', `"${options.datasetHash().slice(0, 12)}-${digest.slice(0, 24)}"`);
      reply.header('cache-control', cacheControl);
      // Added to what is there (the CORS plugin's Origin, when CORS_ORIGIN is restricted).
      const present = String(reply.getHeader('vary') ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name && !VARY.includes(name.toLowerCase()));
      reply.header('vary', [...VARY, ...present].join(', '));
      return bytes;
    });

    // After compression (a route-level onSend added after @fastify/compress's): keep the bytes as sent.
    async function keep(request: FastifyRequest, reply: FastifyReply, payload: unknown) {
      const key = request.responseCacheKey;
      if (!key || request.servedFromCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const encoding = reply.getHeader('content-encoding');
      const baseTag = String(reply.getHeader('etag') ?? '');
      if (!baseTag) return payload;
      // Each content-coding is its own representation, so its strong ETag differs.
      const etag = encoding && encoding !== 'identity' ? baseTag.replace(/"$/, `-${encoding}"`) : baseTag;
      reply.header('etag', etag);
      store.set(
        key,
        etag,
        reply.getHeaders() as OutgoingHttpHeaders,
        Buffer.isBuffer(payload) ? payload : Buffer.from(payload),
      );
      if (notModified(request.headers['if-none-match'], etag)) {
        // The same headers as a 304 from the cache.
        for (const name of Object.keys(reply.getHeaders())) {
          if (!inNotModified(name)) reply.removeHeader(name);
        }
        reply.code(304);
        return null;
      }
      return payload;
    }

    // Route-level hooks, so that they run after the rate limiter's (added by its own onRoute hook,
    // registered before this plugin) and after @fastify/compress's onSend.
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!methods.includes('GET') || route.config?.cache === false) return;
      route.onRequest = [...(route.onRequest ? [route.onRequest].flat() : []), lookup];
      route.onSend = [...(route.onSend ? [route.onSend].flat() : []), keep];
    });
  },
  { name: 'response-cache', dependencies: ['compression', 'rate-limit'] },
);
