import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { invalidParameter } from '../http/problems.js';

/** No parameter is a list by repetition (lists are comma-separated), so a repeated one is a mistake. */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (request) => {
      for (const [name, value] of Object.entries((request.query ?? {}) as Record<string, unknown>)) {
        if (Array.isArray(value)) {
          throw invalidParameter(name, 'querystring', 'given more than once; give it once (lists are comma-separated)');
        }
      }
    });
  },
  { name: 'strict-query' },
);
