// biome-ignore-all assist/source/organizeImports: the OpenAPI document lists component schemas in the order their modules load, and Problem (loaded by operations.ts) comes after the envelopes' ResponseMeta, ListMeta and Links
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleEnvelope } from '../schemas/envelopes.js';
import { problemResponses } from '../http/operations.js';
import { sendOne } from '../http/respond.js';

const indexSchema = singleEnvelope(
  z.object({ title: z.string(), description: z.string(), links: z.record(z.string(), z.string()) }),
  'Index',
);
const health = z.object({ status: z.string() }).meta({ id: 'Health', example: { status: 'ok' } });
const readiness = z
  .object({ status: z.enum(['ready', 'unavailable']), datasetVersion: z.string().nullable() })
  .meta({ id: 'Readiness', example: { status: 'ready', datasetVersion: '1.0.0' } });

// The probes: never cached or rate-limited, and never compressed (a few bytes, under the threshold),
// so that a probe's first answer after start-up does not wait for Node to load its fetch classes.
const probe = { compress: false, config: { cache: false, rateLimit: false } } as const;

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/',
    {
      schema: {
        operationId: 'getIndex',
        tags: ['meta'],
        summary: 'Links to everything this API serves',
        description: 'The entry point: a link to every resource, the OpenAPI document and the docs.',
        querystring: z.strictObject({}),
        response: { 200: indexSchema, ...problemResponses(400) },
      },
    },
    async (request, reply) =>
      sendOne(request, reply, {
        title: 'sco-api: the membership of the Shanghai Cooperation Organisation',
        description:
          'Who was a member, observer, dialogue partner or partner of the SCO on any date since 2001, with sources.',
        links: {
          countries: '/v1/countries',
          country: '/v1/countries/{code}',
          countryStatuses: '/v1/countries/{code}/statuses',
          statuses: '/v1/statuses',
          changes: '/v1/changes',
          snapshot: '/v1/snapshots/{date}',
          latestSnapshot: '/v1/snapshots/latest',
          summits: '/v1/summits',
          summit: '/v1/summits/{id}',
          events: '/v1/events',
          sources: '/v1/sources',
          source: '/v1/sources/{id}',
          applications: '/v1/applications',
          application: '/v1/applications/{id}',
          meta: '/v1/meta',
          download: '/v1/download/{file}',
          changesFeed: '/v1/feeds/changes.atom',
          eventsFeed: '/v1/feeds/events.atom',
          summitsCalendar: '/v1/feeds/summits.ics',
          mcp: '/mcp',
          openapi: '/openapi.json',
          docs: '/docs',
          health: '/healthz',
          readiness: '/readyz',
        },
      }),
  );

  app.get(
    '/healthz',
    {
      ...probe,
      schema: {
        operationId: 'getHealth',
        tags: ['meta'],
        summary: 'Liveness: the process answers',
        description: 'For liveness probes: answers while the process runs. Not cached, not rate-limited.',
        querystring: z.strictObject({}),
        response: { 200: health, ...problemResponses(400) },
      },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      ...probe,
      schema: {
        operationId: 'getReadiness',
        tags: ['meta'],
        summary: 'Readiness: the database is open',
        description:
          'For readiness probes: 200 with the dataset version once the database is open, 503 before. Not cached, not rate-limited.',
        querystring: z.strictObject({}),
        response: {
          200: readiness,
          ...problemResponses(400),
          503: { description: 'Not ready', content: { 'application/json': { schema: readiness } } },
        },
      },
    },
    async (request, reply) => {
      const open = request.server.databaseReady;
      return reply
        .code(open ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({
          status: open ? 'ready' : 'unavailable',
          datasetVersion: open ? request.server.repos.meta.info.version : null,
        });
    },
  );
};

export default routes;
