import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { finishDocument } from './openapi-document.js';

/** The OpenAPI 3.1 document, generated from the routes' Zod schemas, and the interactive reference at /docs. */
export default fp(
  async (app: FastifyInstance, options: { version: string }) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'sco-api',
          version: options.version,
          summary: 'The membership of the Shanghai Cooperation Organisation, with history and sources',
          description:
            'Who was a member, an observer, a dialogue partner or (since 2025-09-01) a partner of the SCO on any date since 2001-06-15, decided at which summit, according to which sources; the summits and the timeline.',
          license: { name: 'MIT (code); the data is CC-BY-4.0', identifier: 'MIT' },
          contact: { name: 'sco-api maintainers' },
        },
        servers: [{ url: '/', description: 'This server (relative, so it stays right behind a reverse proxy)' }],
        // A public read-only API: no authentication.
        security: [],
        tags: [
          { name: 'countries', description: 'Countries and their status' },
          { name: 'statuses', description: 'Status periods, changes and snapshots' },
          { name: 'summits', description: 'Summits of the Council of Heads of State' },
          { name: 'events', description: 'The timeline' },
          { name: 'applications', description: 'Requests for a status and what became of them' },
          { name: 'sources', description: 'Provenance' },
          { name: 'meta', description: 'The dataset, the index, health' },
          { name: 'feeds', description: 'Atom and iCalendar feeds to subscribe to' },
        ],
      },
      transform: jsonSchemaTransform,
      transformObject: (input) => finishDocument(withoutHead(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document)),
    });
    // No validator badge: the page makes no request beyond this server.
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { validatorUrl: null } });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);

/**
 * Every GET route also declares HEAD (src/app.ts), which @fastify/swagger would list as a second
 * operation with the same id; HEAD is documented once, for all, as the HTTP rule it is.
 */
function withoutHead(doc: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  for (const item of Object.values(doc.paths ?? {})) if (item) delete item.head;
  return doc;
}
