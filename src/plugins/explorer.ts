import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import accepts from 'accepts';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import fp from 'fastify-plugin';
import { sendFile } from '../http/files.js';
import { ApiProblem, notFound } from '../http/problems.js';

export interface ExplorerOptions {
  /** The page built by Vite (`npm run build`): index.html and assets/ with hashed names. */
  dir: string;
}

// The page loads scripts, styles and the map from this origin and talks only to this API.
const explorerCsp = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

// Vite writes assets flat, one hashed name each: anything else (a dot file, `..`, a folder) is not one.
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

// Hashed file names change with their content, so a browser may keep an asset for a year.
const ASSET_MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;

/** JSON wins a tie (Accept of any type, or of both alike), so only a real preference for HTML gets the page. */
function prefersHtml(req: IncomingMessage): boolean {
  if (!req.headers.accept) return false;
  return accepts(req).type(['application/json', 'text/html']) === 'text/html';
}

type ConstraintStrategy = Parameters<FastifyInstance['addConstraintStrategy']>[0];
type RouteHandler = NonNullable<ReturnType<ReturnType<ConstraintStrategy['storage']>['get']>>;

const isRoot = (url: string | undefined) => url === '/' || url?.startsWith('/?') === true;

/**
 * `/` has two representations served by two routes: the JSON index (routes/root.ts) and this page,
 * chosen while routing so that each route keeps one contract. Derived on every request: cheap off `/`.
 */
const pageConstraint: ConstraintStrategy = {
  name: 'explorerPage',
  storage() {
    const handlers = new Map<unknown, RouteHandler>();
    return {
      get: (value) => handlers.get(value) ?? null,
      set: (value, handler) => {
        if (handler) handlers.set(value, handler);
      },
    };
  },
  deriveConstraint: (req: IncomingMessage) => (isRoot(req.url) && prefersHtml(req) ? 'html' : undefined),
  mustMatchWhenDerived: false,
};

/** The SCO Explorer: the page at /explorer (and at / for browsers) and its assets, outside the OpenAPI document. */
export default fp(
  async (app: FastifyInstance, options: ExplorerOptions) => {
    const indexFile = join(options.dir, 'index.html');
    const page: RouteShorthandOptions = {
      schema: { hide: true },
      helmet: { contentSecurityPolicy: { useDefaults: false, directives: explorerCsp } },
    };

    if (!existsSync(indexFile)) {
      // Tests and `npm run dev` run from sources: the API works, browsers get the JSON index at /.
      app.get('/explorer', page, async () => {
        throw new ApiProblem('unavailable', 'the explorer page is not built on this server; run `npm run build`');
      });
      return;
    }

    const html = readFileSync(indexFile);
    const sendPage = async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').send(html);
    app.addConstraintStrategy(pageConstraint);
    app.get('/', { ...page, constraints: { explorerPage: 'html' } }, sendPage);
    app.get('/explorer', page, sendPage);

    const assetsDir = join(options.dir, 'assets');
    // Streamed from disk, so outside the response cache (which keeps in-memory bodies); @fastify/send
    // answers conditional requests itself.
    app.get<{ Params: { '*': string } }>(
      '/explorer/assets/*',
      { schema: { hide: true }, config: { cache: false } },
      async (request, reply) => {
        const name = request.params['*'];
        if (!ASSET_NAME.test(name)) throw notFound(`no explorer asset ${name}`);
        return sendFile(request, reply, assetsDir, name, { maxAgeMs: ASSET_MAX_AGE_MS, immutable: true });
      },
    );
  },
  { name: 'explorer', dependencies: ['security', 'response-cache'] },
);
