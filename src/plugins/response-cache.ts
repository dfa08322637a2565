import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { z } from 'zod';
import { type HashedStart, representationDigest } from '../http/body-hash.js';
import {
  type CachedResponse,
  inNotModified,
  notModified,
  RATE_LIMIT_HEADERS,
  type ResponseStore,
} from '../http/response-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for a cacheable GET/HEAD; null otherwise. */
    responseCacheKey: string | null;
    /** The day of a request kept by its run of days (`cacheByDay`); null otherwise. */
    cacheDay: string | null;
    servedFromCache: boolean;
  }
  interface FastifyReply {
    /** The start of the body, already hashed (http/respond.ts), so that its ETag hashes only the rest. */
    hashedStart: HashedStart | null;
    /** The body before compression, kept for a request with a `cacheDay`. */
    identityBody: Buffer | null;
  }
  interface FastifyContextConfig {
    /**
     * The date parameter (of the path or the query string) whose answers are the same over each run
     * of days between two dates of the dataset (domain/statuses.ts `runOf`) but for the date itself:
     * the cache keeps one answer per run, and makes another day's from it.
     */
    cacheByDay?: string;
  }
  interface FastifyInstance {
    responseCache: ResponseStore;
  }
}

// The request headers that choose a representation.
const VARY = ['accept', 'accept-encoding', 'accept-language'];
const DAY = /\d{4}-\d{2}-\d{2}/g;

interface DayParameter {
  in: 'params' | 'query';
  name: string;
  /** The route's own schema of the parameter: a day the route would refuse is never made from a kept answer. */
  schema: z.ZodType;
}

/**
 * The route's `cacheByDay` parameter of a request, when the URL has that day and no other date in
 * it (so no other parameter, such as `to`, is compared with it).
 */
function dayOf(request: FastifyRequest, parameter: DayParameter): string | null {
  const source = (parameter.in === 'params' ? request.params : request.query) as Record<string, unknown>;
  const value = source[parameter.name];
  if (typeof value !== 'string') return null;
  const days = request.url.match(DAY);
  return days?.length === 1 && days[0] === value ? value : null;
}

function dayParameter(route: RouteOptions): DayParameter | undefined {
  const name = route.config?.cacheByDay;
  if (!name) return undefined;
  const shapeOf = (schema: unknown) => (schema as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  const inPath = shapeOf(route.schema?.params)?.[name];
  const inQuery = shapeOf(route.schema?.querystring)?.[name];
  const schema = inPath ?? inQuery;
  if (!schema) throw new Error(`${route.url}: cacheByDay names ${name}, which is not one of its parameters`);
  return { in: inPath ? 'params' : 'query', name, schema };
}

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** The dataset's content hash: part of every ETag, so a new dataset never matches an old one. */
  datasetHash: () => string;
  maxAge: number;
  /** Whether the server limits itself (plugins/rate-limit.ts): a hit then carries this request's `RateLimit-*`. */
  rateLimited: boolean;
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
    const limitHeaders = options.rateLimited ? RATE_LIMIT_HEADERS : [];

    app.decorate('responseCache', store);
    app.decorateRequest('responseCacheKey', null);
    app.decorateRequest('cacheDay', null);
    app.decorateRequest('servedFromCache', false);
    app.decorateReply('hashedStart', null);
    app.decorateReply('identityBody', null);

    // Route-level (only on cacheable GET routes), after the rate limiter's own route-level hook.
    const lookupFor = (byDay: DayParameter | undefined) =>
      function lookup(request: FastifyRequest, reply: FastifyReply, done: () => void) {
        const day = byDay ? dayOf(request, byDay) : null;
        // A day's answer is kept under its run of days: the URL with the run's first day for the day.
        const url = day ? request.url.replace(day, `~${request.server.repos.statuses.runOf(day)}`) : request.url;
        const key = store.key(url, request.headers);
        request.responseCacheKey = key;
        request.cacheDay = day;
        let hit = key === null ? undefined : store.get(key);
        // Another day of the run: made from the kept answer once learned, if the route takes that day.
        if (hit && day !== null && hit.dated?.date !== day) {
          hit = hit.dated?.template && byDay?.schema.safeParse(day).success ? store.forDate(hit, day) : undefined;
        }
        if (!hit) return done();
        serveHit(request, reply, hit);
      };

    function serveHit(request: FastifyRequest, reply: FastifyReply, hit: CachedResponse) {
      request.servedFromCache = true;
      reply.hijack();
      const perRequest = ['x-request-id', request.id];
      for (const name of limitHeaders) {
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
      if (request.cacheDay !== null) reply.identityBody = bytes;
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
      const headers = reply.getHeaders() as OutgoingHttpHeaders;
      const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
      const day = request.cacheDay;
      const kept = day === null ? undefined : store.get(key);
      // Another day of a run whose kept answer is not learned yet: learn it from this one.
      if (day !== null && kept?.dated && kept.dated.date !== day) {
        store.learn(kept, day, reply.identityBody ?? body, headers);
      } else {
        store.set(
          key,
          etag,
          headers,
          body,
          day === null ? undefined : { date: day, identity: reply.identityBody ?? body },
        );
      }
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
      route.onRequest = [...(route.onRequest ? [route.onRequest].flat() : []), lookupFor(dayParameter(route))];
      route.onSend = [...(route.onSend ? [route.onSend].flat() : []), keep];
    });
  },
  { name: 'response-cache', dependencies: ['compression', 'rate-limit'] },
);
