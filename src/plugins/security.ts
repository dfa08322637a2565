import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

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

/** Security headers for a JSON API, and CORS open for reading (no credentials). */
export default fp(
  async (app: FastifyInstance, options: { corsOrigin: string }) => {
    await app.register(helmet, {
      // A JSON API loads nothing; pages that do (/docs) set their own policy.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      crossOriginEmbedderPolicy: false,
    });
    const origins = options.corsOrigin.split(',').map((o) => o.trim());
    await app.register(cors, {
      origin: origins.includes('*') ? '*' : origins,
      methods: ['GET', 'HEAD', 'OPTIONS'],
      credentials: false,
      exposedHeaders,
      maxAge: 86_400,
      strictPreflight: false,
    });
  },
  { name: 'security' },
);
