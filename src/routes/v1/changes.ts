import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statusValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList } from '../../http/respond.js';
import { countryParam, dateParam, enumListParam, listQuery } from '../../schemas/query.js';
import { changeSchema } from '../../schemas/resources.js';
import { changeList } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/changes',
    {
      config: { representations: ['json', 'csv'], cacheByDay: 'from' },
      schema: {
        operationId: 'listChanges',
        tags: ['statuses'],
        summary: 'What changed between two dates',
        description:
          'Status changes (a period starting) dated from `from` to `to`, both inclusive, with the previous and the new status.',
        querystring: listQuery(
          {
            from: dateParam('First day (inclusive)'),
            to: dateParam('Last day (inclusive)'),
            country: countryParam.optional(),
            status: enumListParam(statusValues, 'status'),
          },
          ['date', 'country', 'status', 'previousStatus'],
          'date,country',
          Object.keys(changeSchema.shape),
        ),
        response: { 200: listResponse(changeList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { country, status, from, to, ...list } = request.query;
      checkRange(from, to);
      const changes = request.server.repos.statuses.changes({
        country: countryFilter(country),
        statuses: status,
        from,
        to,
      });
      return sendList(request, reply, changes, list, { itemSchema: changeSchema, tieBreakers: ['date', 'country'] });
    },
  );
};

export default routes;
