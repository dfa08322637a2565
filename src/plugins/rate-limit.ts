import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from '../http/problems.js';

/** Per-client-IP limit with RateLimit-* headers; 0 turns it off. Behind a proxy, set TRUST_PROXY. */
export default fp(
  async (app: FastifyInstance, options: { max: number }) => {
    if (options.max === 0) return;
    await app.register(rateLimit, {
      global: true,
      max: options.max,
      timeWindow: 60_000,
      enableDraftSpec: true,
      errorResponseBuilder: (_request, context) =>
        new ApiProblem(
          'rate-limited',
          `more than ${context.max} requests in a minute from this client; retry in ${Math.ceil(context.ttl / 1000)} s`,
          undefined,
          { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        ),
    });
  },
  { name: 'rate-limit' },
);
