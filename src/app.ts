import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import accepts from '@fastify/accepts';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { projectRoot } from '../dataset/paths.js';
import type { Config } from './config.js';
import { type DatabaseHandle, openDatabase } from './db/connection.js';
import { AccessLog, requestLogger } from './http/logging.js';
import { ResponseStore, requestIdFor } from './http/response-store.js';
import mcp from './mcp/http.js';
import compression from './plugins/compression.js';
import errors, { frameworkErrors } from './plugins/errors.js';
import explorer from './plugins/explorer.js';
import limits, { clientErrorHandler, MAX_PARAM_LENGTH } from './plugins/limits.js';
import negotiation from './plugins/negotiation.js';
import openapi, { type OpenapiOptions } from './plugins/openapi.js';
import rateLimit from './plugins/rate-limit.js';
import repositories from './plugins/repositories.js';
import responseCache from './plugins/response-cache.js';
import security from './plugins/security.js';
import strictQuery from './plugins/strict-query.js';
import root from './routes/root.js';
import applications from './routes/v1/applications.js';
import changes from './routes/v1/changes.js';
import countries from './routes/v1/countries.js';
import downloads from './routes/v1/downloads.js';
import events from './routes/v1/events.js';
import feeds from './routes/v1/feeds.js';
import meta from './routes/v1/meta.js';
import snapshots from './routes/v1/snapshots.js';
import sources from './routes/v1/sources.js';
import statuses from './routes/v1/statuses.js';
import summits from './routes/v1/summits.js';

export interface AppOptions {
  logger?: FastifyServerOptions['logger'];
  /** How to open the database; by default read-only at config.DATABASE_PATH. */
  openDatabase?: () => DatabaseHandle;
  /** Start without the database; the caller opens it with app.openDatabase() (the server does, after listening). */
  deferDatabase?: boolean;
  /** The built SCO Explorer page; by default dist/explorer (written by `npm run build`). */
  explorerDir?: string;
  /** The OpenAPI document the build generated from these routes (src/server.ts reads it); by default generated here. */
  openapiDocument?: OpenapiOptions['document'];
}

// The API's version (the contract), distinct from the dataset's version (the data).
const { version: apiVersion } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as {
  version: string;
};

/** The whole application: external plugins, then app plugins, then routes. Tests build exactly this. */
export async function buildApp(config: Config, options: AppOptions = {}) {
  const store = new ResponseStore(config.CORS_ORIGIN !== '*');
  const app = Fastify({
    logger: options.logger ?? false,
    logController: new AccessLog(config.ACCESS_LOG),
    childLoggerFactory: requestLogger,
    // A hop count trusts that many proxies nearest to the server.
    trustProxy:
      typeof config.TRUST_PROXY === 'number'
        ? (_address: string, hop: number) => hop < (config.TRUST_PROXY as number)
        : config.TRUST_PROXY,
    // An incoming X-Request-Id is honoured when it is short and plain; otherwise one is made.
    requestIdHeader: false,
    genReqId: (req) => requestIdFor(req.headers),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Every GET route declares HEAD itself (below): HEAD runs the GET's hooks and handler, and Node
    // leaves the body out, so it has the very headers (encoding, length, ETag) of the GET.
    exposeHeadRoutes: false,
    // What fails before routing (bad percent-encoding, an over-long path parameter) is a problem too.
    frameworkErrors,
    // While closing, requests already on a connection are answered normally (Fastify's own 503 is
    // not a problem+json); new connections are refused because the server no longer listens.
    return503OnClosing: false,
    clientErrorHandler,
    // Zod validates requests; answers are only stringified (their shapes are checked in the tests).
    // Given here, Fastify does not load its default Ajv and fast-json-stringify compilers at all.
    schemaController: {
      compilersFactory: {
        // The Zod compiler takes Zod schemas where Fastify's types expect JSON Schema.
        buildValidator: () => validatorCompiler as never,
        buildSerializer: () => () => (data: unknown) => JSON.stringify(data),
      },
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.addHook('onRoute', (route) => {
    if (route.method === 'GET') route.method = ['GET', 'HEAD'];
  });
  // On every answer Fastify sends through its hooks; a cache hit writes its own, and a framework
  // error (plugins/errors.ts), which skips these hooks, sets it itself.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  // External plugins, in hook order: security headers and CORS (after the cache lookup unless the
  // server limits itself: plugins/security.ts), the 414 check, the rate limit, then compression and
  // the response cache that keeps compressed answers.
  await app.register(accepts);
  await app.register(errors);
  await app.register(repositories, {
    open: options.openDatabase ?? (() => openDatabase(config.DATABASE_PATH)),
    defer: options.deferDatabase,
  });
  const rateLimited = config.RATE_LIMIT_MAX > 0;
  await app.register(security, { corsOrigin: config.CORS_ORIGIN, rateLimited });
  await app.register(limits);
  await app.register(rateLimit, { max: config.RATE_LIMIT_MAX });
  await app.register(compression);
  await app.register(responseCache, {
    store,
    datasetHash: () => app.repos.meta.info.contentHash,
    maxAge: config.CACHE_MAX_AGE,
    rateLimited,
  });
  await app.register(negotiation);
  await app.register(strictQuery);
  await app.register(openapi, { version: apiVersion, document: options.openapiDocument });
  await app.register(explorer, { dir: options.explorerDir ?? join(projectRoot, 'dist', 'explorer') });

  await app.register(root);
  await app.register(
    async (v1) => {
      // One module per resource; the order is the OpenAPI document's order of paths.
      await v1.register(countries);
      await v1.register(statuses);
      await v1.register(changes);
      await v1.register(snapshots);
      await v1.register(summits);
      await v1.register(events);
      await v1.register(sources);
      await v1.register(meta);
      await v1.register(applications);
      await v1.register(downloads);
      await v1.register(feeds, { baseUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}` });
    },
    { prefix: '/v1' },
  );
  await app.register(mcp, { version: apiVersion });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
