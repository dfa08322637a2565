import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemResponses } from '../../http/operations.js';
import { sendOne } from '../../http/respond.js';
import { metaResponse } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/meta',
    {
      schema: {
        operationId: 'getMeta',
        tags: ['meta'],
        summary: 'The dataset: version, freshness, licence, counts, downloads',
        description: '`verifiedThrough` says up to which day the facts were checked: later events may be missing.',
        querystring: z.strictObject({}),
        response: { 200: metaResponse, ...problemResponses(400) },
      },
    },
    async (request, reply) => sendOne(request, reply, request.server.repos.meta.meta()),
  );
};

export default routes;
