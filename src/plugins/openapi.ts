import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { finishDocument } from './openapi-document.js';

export interface OpenapiOptions {
  /** The API's version, for the document's info. */
  version: string;
  /**
   * The document already generated from these routes (the build writes it next to the server
   * bundle): served as it is, so that a start does not load the generator. Without it the document
   * is generated from the routes on the first request (sources, tests, `npm run dev`).
   */
  document?: OpenAPIV3_1.Document;
}

// Swagger UI's files (the `static` folder of @fastify/swagger-ui), found through module resolution
// and given to the plugin as `baseDir`, with its logo, as its README says for a bundled server: the
// server bundle (scripts/bundle.mjs) includes the plugin's code, which then cannot find its own
// folder. With `baseDir` the plugin also serves that folder's files at /docs/<file>.
const swaggerUiFiles = join(dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');

/** The OpenAPI 3.1 document, generated from the routes' Zod schemas, and the interactive reference at /docs. */
export default fp(
  async (app: FastifyInstance, options: OpenapiOptions) => {
    if (options.document) {
      // (@fastify/swagger's types know OpenAPI 3.0 and Swagger 2.0 documents; it serves 3.1 as it is.)
      const document = options.document as unknown as OpenAPIV3.Document;
      await app.register(swagger, { mode: 'static', specification: { document } });
    } else {
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
        transformObject: (input) =>
          asTree(finishDocument(withoutHead(jsonSchemaTransformObject(input) as OpenAPIV3_1.Document))),
      });
    }
    // No validator badge: the page makes no request beyond this server.
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      baseDir: swaggerUiFiles,
      logo: { type: 'image/svg+xml', content: readFileSync(join(swaggerUiFiles, 'logo.svg')) },
      staticCSP: true,
      uiConfig: { validatorUrl: null },
    });
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

/**
 * The document as a plain tree, as a document read from its file is: no object shared between two
 * places, so /docs/yaml writes the same YAML (without anchors) whether the document was generated
 * here or read from the build.
 */
function asTree(doc: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  return JSON.parse(JSON.stringify(doc));
}
