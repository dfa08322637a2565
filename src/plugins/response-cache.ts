import { createHash } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
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
  /** The same headers flat, with content-length, ready for writeHead: a hit allocates one array. */
  raw: string[];
  /** What a 304 carries: the validators and caching headers, and CORS (RFC 9110 15.4.5). */
  raw304: string[];
  body: Buffer;
}

const IN_304 = (name: string) => ['etag', 'cache-control', 'vary'].includes(name) || name.startsWith('access-control-');

function flatten(headers: Record<string, string>, keep: (name: string) => boolean = () => true): string[] {
  return Object.entries(headers).flatMap(([name, value]) => (keep(name) ? [name, value] : []));
}

export interface ResponseCacheOptions {
  /** The dataset's content hash: part of every ETag, so a new dataset never matches an old one. */
  datasetHash: () => string;
  maxAge: number;
  /**
   * With no rate limit to count requests, app.ts runs the lookup as the very first onRequest hook,
   * so a hit skips every other hook; otherwise the lookup runs after @fastify/rate-limit's.
   */
  earlyLookup: boolean;
  /** With a restricted CORS_ORIGIN the CORS headers depend on Origin, which then joins the key. */
  keyOnOrigin: boolean;
  maxEntries?: number;
  maxBytes?: number;
}

// Headers that belong to one request, never replayed from the cache (the rest, representation,
// security and CORS headers, are the same for every request with the same key).
const PER_REQUEST_HEADERS = new Set([
  'x-request-id',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'ratelimit-policy',
  'retry-after',
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
const MAX_KEYED_HEADER = 256;

/** The UTC day: answers without `asOf` describe today, so a new day is a new key. */
let todayString = '';
let todayEnds = 0;
function today(): string {
  const now = Date.now();
  if (now >= todayEnds) {
    todayString = new Date(now).toISOString().slice(0, 10);
    todayEnds = Date.parse(`${todayString}T00:00:00Z`) + 86_400_000;
  }
  return todayString;
}

/**
 * A request's identity for caching: path, canonical query (parameters sorted), and the headers
 * that choose the representation, as sent. Null when a header is unusually long.
 */
function cacheKey(request: FastifyRequest, keyOnOrigin: boolean): string | null {
  const [path = '/', search = ''] = request.url.split('?');
  const query = search.includes('&')
    ? new URLSearchParams(
        [...new URLSearchParams(search)].sort(([a, x], [b, y]) => compare(a, b) || compare(x, y)),
      ).toString()
    : search;
  const headers = (keyOnOrigin ? KEYED_WITH_ORIGIN : KEYED).map((name) => String(request.headers[name] ?? ''));
  if (headers.some((h) => h.length > MAX_KEYED_HEADER)) return null;
  return [path, query, ...headers, today()].join('\n');
}

const KEYED = ['accept', 'accept-language', 'accept-encoding'];
const KEYED_WITH_ORIGIN = [...KEYED, 'origin'];
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

    // A hit is written straight to the socket: the cached headers, then those set so far for this
    // request (request id; rate limit when the lookup runs after it); later hooks are skipped.
    function lookup(request: FastifyRequest, reply: FastifyReply, done: () => void) {
      const method = request.method;
      if (
        (method !== 'GET' && method !== 'HEAD') ||
        !request.routeOptions.url ||
        request.routeOptions.config.cache === false
      ) {
        return done();
      }
      const key = cacheKey(request, options.keyOnOrigin);
      request.responseCacheKey = key;
      const hit = key === null ? undefined : cache.get(key);
      if (!hit) return done();
      request.servedFromCache = true;
      const fresh = !notModified(request.headers['if-none-match'], hit.etag);
      const status = fresh ? 200 : 304;
      reply.hijack();
      reply.statusCode = status;
      if (options.earlyLookup) {
        // First hook of the request: nothing else has set a header.
        reply.raw.writeHead(status, (fresh ? hit.raw : hit.raw304).concat('x-request-id', request.id));
      } else {
        const headers = { ...(fresh ? hit.headers : Object.fromEntries(pairs(hit.raw304))), ...reply.getHeaders() };
        if (fresh) headers['content-length'] = String(hit.body.length);
        reply.raw.writeHead(status, headers as OutgoingHttpHeaders);
      }
      const body = fresh && request.method !== 'HEAD' ? hit.body : undefined;
      reply.raw.end(body);
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
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined && !PER_REQUEST_HEADERS.has(name)) headers[name] = String(value);
      }
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      cache.set(key, {
        etag,
        headers,
        raw: [...flatten(headers), 'content-length', String(body.length)],
        raw304: flatten(headers, IN_304),
        body,
      });
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
      if (!options.earlyLookup) route.onRequest = [...onRequest, lookup];
      route.onSend = [...onSend.filter((hook) => !dropsBody.includes(hook)), keep, ...dropsBody];
    });

    app.decorate('responseCache', { lookup, clear: () => cache.clear(), size: () => cache.size });
  },
  { name: 'response-cache', dependencies: ['compression', 'rate-limit'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    responseCache: {
      lookup(request: FastifyRequest, reply: FastifyReply, done: () => void): void;
      clear(): void;
      size(): number;
    };
  }
}

function* pairs(flat: string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < flat.length; i += 2) yield [flat[i] as string, flat[i + 1] as string];
}
