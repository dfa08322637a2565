import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from '@fastify/cors';
import type { FastifyInstance, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

declare module 'fastify' {
  interface RouteShorthandOptions {
    /** Helmet options that replace the API's for this route (a page that loads scripts). */
    helmet?: HelmetOptions;
  }
}

// A JSON API loads nothing; pages that do (the explorer, /docs) set their own policy.
const apiHelmet: HelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  crossOriginResourcePolicy: { policy: 'cross-origin' },
  crossOriginEmbedderPolicy: false,
};

/**
 * The headers helmet sets, computed once: they depend only on the options, never on the request,
 * and helmet's middleware re-reads its options on every call (the largest per-request cost of
 * @fastify/helmet, which runs it twice per request).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => {});
  return headers;
}

export const exposedHeaders = [
  'ETag',
  'Link',
  'X-Request-Id',
  'Content-Disposition',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'Retry-After',
];

export interface SecurityOptions {
  corsOrigin: string;
  /** Whether the server's own rate limiter runs (RATE_LIMIT_MAX > 0): its 429 must carry CORS headers. */
  rateLimited: boolean;
}

/** Security headers for a JSON API (helmet's, computed once), and CORS open for reading (no credentials). */
export default fp(
  async (app: FastifyInstance, options: SecurityOptions) => {
    // Set as an answer is sent, so that a cache hit, which replays the headers it was kept with,
    // skips them; every answer Fastify sends (errors too) gets them.
    const headers = helmetHeaders(apiHelmet);
    app.addHook('onSend', (_request, reply, payload, done) => {
      reply.headers(headers);
      done(null, payload);
    });
    // A route with its own helmet options gets its headers after the API's, replacing them.
    app.addHook('onRoute', (route) => {
      if (!route.helmet) return;
      const own = helmetHeaders({ ...apiHelmet, ...route.helmet } as HelmetOptions);
      const setOwn: onSendHookHandler = (_request, reply, payload, done) => {
        reply.headers(own);
        done(null, payload);
      };
      route.onSend = [setOwn, ...(route.onSend ? [route.onSend].flat() : [])];
    });
    const origins = options.corsOrigin.split(',').map((o) => o.trim());
    await app.register(cors, {
      origin: origins.includes('*') ? '*' : origins,
      methods: ['GET', 'HEAD', 'OPTIONS'],
      credentials: false,
      exposedHeaders,
      maxAge: 86_400,
      strictPreflight: false,
      // As late as every answer still gets them. A cache hit, answered in a route's onRequest hook,
      // replays the CORS headers it was kept with, so CORS runs after it, in preValidation; except
      // when the server limits itself, whose 429 comes from a route's onRequest hook too, before the
      // lookup: then CORS runs as the request arrives.
      hook: options.rateLimited ? 'onRequest' : 'preValidation',
    });
  },
  { name: 'security' },
);
