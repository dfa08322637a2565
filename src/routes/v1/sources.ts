import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList, sendOne } from '../../http/respond.js';
import { listQuery, qParam } from '../../schemas/query.js';
import { sourceSchema } from '../../schemas/resources.js';
import { sourceList, sourceResponse } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/sources',
    {
      config: { representations: ['json', 'csv'] },
      schema: {
        operationId: 'listSources',
        tags: ['sources'],
        summary: 'Where the facts come from',
        description:
          'Every page cited by the dataset, and the French article it started from. `q` searches title, publisher and URL.',
        querystring: listQuery(
          {
            q: qParam,
            language: z
              .string()
              .regex(/^[a-z]{2}$/, { error: 'expected an ISO 639-1 language code such as en' })
              .optional()
              .meta({ description: 'ISO 639-1 code of the page', example: 'ru' }),
          },
          ['id', 'title', 'publisher', 'language', 'publishedOn'],
          'id',
          Object.keys(sourceSchema.shape),
        ),
        response: { 200: listResponse(sourceList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { q, language, ...list } = request.query;
      return sendList(request, reply, request.server.repos.sources.list({ q, language }), list, {
        itemSchema: sourceSchema,
        tieBreakers: ['id'],
      });
    },
  );

  app.get(
    '/sources/:id',
    {
      schema: {
        operationId: 'getSource',
        tags: ['sources'],
        summary: 'One source',
        description: 'A source by id, as cited in the `sources` of every fact.',
        params: z.strictObject({
          id: z
            .string()
            .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a source id: lowercase letters, digits and hyphens' })
            .max(128, { error: 'expected a source id of at most 128 characters' })
            .meta({ description: 'Source id, as in `sources` lists', example: 'article-fr-astana-2024' }),
        }),
        querystring: z.strictObject({}),
        response: { 200: sourceResponse, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => sendOne(request, reply, request.server.repos.sources.get(request.params.id)),
  );
};

export default routes;
