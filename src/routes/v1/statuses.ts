import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList } from '../../http/respond.js';
import { countryParam, dateParam, enumListParam, listQuery } from '../../schemas/query.js';
import { statusPeriodSchema } from '../../schemas/resources.js';
import { statusPeriodList } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/statuses',
    {
      config: { representations: ['json', 'csv'], cacheByDay: 'from' },
      schema: {
        operationId: 'listStatuses',
        tags: ['statuses'],
        summary: 'Status periods of all countries',
        description:
          'Filters combine. `from`/`to` keep the periods overlapping that range of inclusive days: `period.from <= to` and `period.to` null or after `from`.',
        querystring: listQuery(
          {
            country: countryParam.optional(),
            status: enumListParam(statusValues, 'status'),
            from: dateParam('Start of the range (inclusive)'),
            to: dateParam('End of the range (inclusive)'),
            decidedAt: z.string().max(64).optional().meta({ description: 'Summit id', example: '2024-astana' }),
          },
          ['from', 'to', 'country', 'status', 'decidedAt'],
          'from,country',
          Object.keys(statusPeriodSchema.shape),
        ),
        response: { 200: listResponse(statusPeriodList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { country, status, from, to, decidedAt, ...list } = request.query;
      checkRange(from, to);
      const periods = request.server.repos.statuses.periods({
        country: countryFilter(country),
        statuses: status,
        from,
        to,
        decidedAt,
      });
      return sendList(request, reply, periods, list, {
        itemSchema: statusPeriodSchema,
        tieBreakers: ['from', 'country'],
      });
    },
  );
};

export default routes;
