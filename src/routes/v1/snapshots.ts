import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayUtc } from '../../domain/today.js';
import { problemResponses } from '../../http/operations.js';
import { sendOne } from '../../http/respond.js';
import { isoDate } from '../../schemas/primitives.js';
import { snapshotResponse } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/snapshots/:date',
    {
      config: { cacheByDay: 'date' },
      schema: {
        operationId: 'getSnapshot',
        tags: ['statuses'],
        summary: 'The composition on a date',
        description:
          'Countries and counts per status at the end of the day, and the chairing country. `latest` means today (UTC).',
        params: z.strictObject({
          date: z
            .union([z.literal('latest'), isoDate], {
              error: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists, or latest',
            })
            .meta({ description: 'An RFC 3339 full date, or `latest` for today (UTC)', example: '2024-07-04' }),
        }),
        querystring: z.strictObject({}),
        response: { 200: snapshotResponse, ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const date = request.params.date === 'latest' ? todayUtc() : request.params.date;
      return sendOne(request, reply, request.server.repos.statuses.snapshot(date), date);
    },
  );
};

export default routes;
