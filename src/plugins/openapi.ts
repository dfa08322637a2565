import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { sendFile } from '../http/files.js';
import { notFound } from '../http/problems.js';
import { finishDocument } from './openapi-document.js';

/** The OpenAPI document as the build writes it beside the server bundle (scripts/bundle.mjs). */
export interface BuiltDocument {
  json: OpenAPIV3_1.Document;
  /** The same document in YAML, as @fastify/swagger writes it. */
  yaml: string;
}

export interface OpenapiOptions {
  /** The API's version, for the document's info. */
  version: string;
  /**
   * The document already generated from these routes: served as it is, so that a start loads
   * neither the generator nor a YAML writer. Without it the document is generated from the routes
   * (@fastify/swagger) on the first request (sources, tests, `npm run dev`).
   */
  document?: BuiltDocument;
}

// Swagger UI's own files (the swagger-ui-dist package, found through module resolution, so from the
// bundle too), served at /docs/static/<name>; only these names.
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const swaggerUiFiles = new Set([
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-16x16.png',
  'favicon-32x32.png',
  'oauth2-redirect.html',
  'oauth2-redirect.js',
]);

// The page loads scripts, styles and images from this origin and asks only this API. Swagger UI
// sets inline styles (its syntax highlighter), hence 'unsafe-inline' for styles; never for scripts.
const docsCsp = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The page: Swagger UI's files, then the initializer below; relative addresses, so it works behind a proxy's prefix. */
const docsPage = (staticPrefix: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>sco-api: API reference</title>
<link rel="stylesheet" href="${staticPrefix}/swagger-ui.css">
<link rel="stylesheet" href="${staticPrefix}/index.css">
<link rel="icon" type="image/png" href="${staticPrefix}/favicon-32x32.png" sizes="32x32">
<link rel="icon" type="image/png" href="${staticPrefix}/favicon-16x16.png" sizes="16x16">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${staticPrefix}/swagger-ui-bundle.js" charset="utf-8"></script>
<script src="${staticPrefix}/swagger-ui-standalone-preset.js" charset="utf-8"></script>
<script src="${staticPrefix}/swagger-initializer.js" charset="utf-8"></script>
</body>
</html>
`;

/** Swagger UI's start, as in its own swagger-initializer.js, given this server's document (no validator badge). */
const initializer = `// The document and the OAuth2 page, found from this script's own address (<docs>/static/).
const here = document.currentScript.src;
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    url: new URL('../json', here).href,
    oauth2RedirectUrl: new URL('oauth2-redirect.html', here).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null,
  });
});
`;

/**
 * The OpenAPI 3.1 document, generated from the routes' Zod schemas, at /openapi.json (and
 * /docs/json, /docs/yaml), and the interactive reference at /docs: Swagger UI's files and a page of
 * ours, rather than @fastify/swagger-ui, whose @fastify/static, glob and YAML writer every start
 * would load (docs/architecture.md).
 */
export default fp(
  async (app: FastifyInstance, options: OpenapiOptions) => {
    const document = options.document ? builtDocument(options.document) : await generatedDocument(app, options);
    const hidden: RouteShorthandOptions = { schema: { hide: true } };
    const docs: RouteShorthandOptions = {
      ...hidden,
      helmet: { contentSecurityPolicy: { useDefaults: false, directives: docsCsp } },
    };

    app.get('/openapi.json', hidden, async () => document.json());
    app.get('/docs/json', hidden, async () => document.json());
    app.get('/docs/yaml', hidden, async (_request, reply) => reply.type('application/x-yaml').send(document.yaml()));

    // /docs and /docs/ (the router ignores a trailing slash): relative addresses for either.
    const pages = { slash: docsPage('./static'), bare: docsPage('docs/static') };
    app.get('/docs', docs, async (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?', 1)[0] as string;
      return reply.type('text/html; charset=utf-8').send(path.endsWith('/') ? pages.slash : pages.bare);
    });
    app.get('/docs/static/swagger-initializer.js', docs, async (_request, reply) =>
      reply.type('application/javascript; charset=utf-8').send(initializer),
    );
    app.get<{ Params: { file: string } }>(
      '/docs/static/:file',
      // Streamed from disk, so outside the response cache (which keeps in-memory bodies).
      { ...docs, config: { cache: false } },
      async (request, reply) => {
        const { file } = request.params;
        if (!swaggerUiFiles.has(file)) throw notFound(`no file ${file} in the API reference`);
        return sendFile(request, reply, swaggerUiDir, file);
      },
    );
  },
  { name: 'openapi' },
);

type DocumentSource = { json: () => unknown; yaml: () => string };

function builtDocument(built: BuiltDocument): DocumentSource {
  return { json: () => built.json, yaml: () => built.yaml };
}

/** The document generated from the routes by @fastify/swagger, loaded only here (the bundle keeps it out of a start). */
async function generatedDocument(app: FastifyInstance, options: OpenapiOptions): Promise<DocumentSource> {
  const { default: swagger } = await import('@fastify/swagger');
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
  return { json: () => app.swagger(), yaml: () => app.swagger({ yaml: true }) };
}

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
