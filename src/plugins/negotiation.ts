import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiProblem } from '../http/problems.js';

export const mediaTypes = {
  json: 'application/json',
  csv: 'text/csv',
  atom: 'application/atom+xml',
  ics: 'text/calendar',
} as const;
export type Representation = keyof typeof mediaTypes;

declare module 'fastify' {
  interface FastifyRequest {
    representation: Representation;
  }
  interface FastifyContextConfig {
    /** What the route can answer; every documented route offers at least JSON. */
    representations?: Representation[];
    /** false keeps the route out of the response cache (health checks). */
    cache?: boolean;
  }
}

/** Chooses the representation from `format`, else Accept; 406 lists what is offered. */
export default fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('representation', 'json');

    app.addHook('onRoute', (route) => {
      if (route.schema?.hide || route.config?.representations) return;
      route.config = { ...route.config, representations: ['json'] };
    });

    app.addHook('preHandler', async (request) => {
      const offered = request.routeOptions.config.representations;
      if (!offered) return;
      const format = (request.query as { format?: Representation } | undefined)?.format;
      if (format) {
        request.representation = format;
        return;
      }
      if (!request.headers.accept) return;
      const best = request.accepts().type(offered.map((r) => mediaTypes[r]));
      if (!best) {
        throw new ApiProblem(
          'not-acceptable',
          `${request.url.split('?')[0]} is offered as ${offered.map((r) => mediaTypes[r]).join(', ')}; Accept was ${request.headers.accept.slice(0, 200)}`,
        );
      }
      request.representation = offered.find((r) => mediaTypes[r] === best) ?? 'json';
    });
  },
  { name: 'negotiation' },
);
