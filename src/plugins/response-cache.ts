import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for a cacheable GET/HEAD; null otherwise. */
    responseCacheKey: string | null;
    servedFromCache: boolean;
  }
}

interface CachedResponse {
  etag: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface ResponseCacheOptions {
  /** The dataset's content hash: part of every ETag, so a new dataset never matches an old one. */
  datasetHash: () => string;
  maxAge: number;
  maxEntries?: number;
  maxBytes?: number;
}

// The headers that belong to the representation (the rest, such as CORS, rate limits and the
// request id, are set per request by other hooks before a cached answer is replayed).
const REPRESENTATION_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'content-language',
  'etag',
  'cache-control',
  'vary',
  'link',
];
const MAX_KEYED_HEADER = 256;

/** The UTC day: answers without `asOf` describe today, so a new day is a new key. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A request's identity for caching: path, canonical query (parameters sorted), and the headers
 * that choose the representation, as sent. Null when a header is unusually long.
 */
function cacheKey(request: FastifyRequest): string | null {
  const [path = '/', search = ''] = request.url.split('?');
  const query = new URLSearchParams(
    [...new URLSearchParams(search)].sort(([a, x], [b, y]) => compare(a, b) || compare(x, y)),
  );
  const headers = ['accept', 'accept-language', 'accept-encoding'].map((name) => String(request.headers[name] ?? ''));
  if (headers.some((h) => h.length > MAX_KEYED_HEADER)) return null;
  return [path, query.toString(), ...headers, today()].join('\n');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/**
 * Conditional requests, Cache-Control, and the one response cache: a GET answered once is kept,
 * compressed as it was sent, with its ETag, so a repeat costs a lookup and a 304 needs no body.
 * The data never changes while the process runs.
 */
export default fp(
  async (app: FastifyInstance, options: ResponseCacheOptions) => {
    const cache = new LRUCache<string, CachedResponse>({
      max: options.maxEntries ?? 5_000,
      maxSize: options.maxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (entry) => entry.body.length + 512,
    });
    const cacheControl = `public, max-age=${options.maxAge}, stale-while-revalidate=86400`;

    app.decorateRequest('responseCacheKey', null);
    app.decorateRequest('servedFromCache', false);

    // Route-level, after @fastify/rate-limit's own route-level hook, so that hits are counted too.
    async function lookup(request: FastifyRequest, reply: FastifyReply) {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.routeOptions.url) return;
      if (request.routeOptions.config.cache === false) return;
      request.responseCacheKey = cacheKey(request);
      const hit = request.responseCacheKey ? cache.get(request.responseCacheKey) : undefined;
      if (!hit) return;
      request.servedFromCache = true;
      reply.headers(hit.headers);
      if (notModified(request.headers['if-none-match'], hit.etag)) {
        reply.removeHeader('content-encoding');
        reply.removeHeader('content-disposition');
        return reply.code(304).send();
      }
      return reply.send(hit.body);
    }

    // Before compression: the ETag of the representation, and its caching headers.
    app.addHook('onSend', async (request, reply, payload) => {
      if (!request.responseCacheKey || request.servedFromCache || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const digest = createHash('sha256')
        .update(String(reply.getHeader('content-type')))
        .update(payload)
        .digest('hex');
      reply.header('etag', `"${options.datasetHash().slice(0, 12)}-${digest.slice(0, 24)}"`);
      reply.header('cache-control', cacheControl);
      reply.header('vary', 'accept, accept-encoding, accept-language');
      return payload;
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
      const headers: Record<string, string> = {};
      for (const name of REPRESENTATION_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      cache.set(key, { etag, headers, body: Buffer.isBuffer(payload) ? payload : Buffer.from(payload) });
      if (notModified(request.headers['if-none-match'], etag)) {
        reply.removeHeader('content-encoding');
        reply.removeHeader('content-length');
        reply.removeHeader('content-disposition');
        reply.code(304);
        return null;
      }
      return payload;
    }

    app.addHook('onRoute', (route) => {
      const onRequest = route.onRequest ? [route.onRequest].flat() : [];
      const onSend = route.onSend ? [route.onSend].flat() : [];
      // Fastify's HEAD twin of a GET route drops the body in its first onSend hook; moved last, it
      // lets HEAD answer with the headers (encoding, ETag, length) of the GET it mirrors.
      const dropsBody = onSend.filter((hook) => hook.name === 'headRouteOnSendHandler');
      route.onRequest = [...onRequest, lookup];
      route.onSend = [...onSend.filter((hook) => !dropsBody.includes(hook)), keep, ...dropsBody];
    });

    app.decorate('responseCache', { clear: () => cache.clear(), size: () => cache.size });
  },
  { name: 'response-cache', dependencies: ['compression', 'rate-limit'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: { clear(): void; size(): number };
  }
}
