import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { countryParam, dateParam, enumListParam, listQuery } from '../../schemas/query.js';
import { changeSchema, statusPeriodSchema } from '../../schemas/resources.js';
import { changeList, statusPeriodList } from '../../schemas/responses.js';
import { listResponse, problemResponses } from '../common.js';
import { sendList } from '../respond.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/statuses',
    {
      config: { representations: ['json', 'csv'] },
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
      const { country, status, from, to, decidedAt, lang: _lang, ...list } = request.query;
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

  app.get(
    '/changes',
    {
      config: { representations: ['json', 'csv'] },
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
      const { country, status, from, to, lang: _lang, ...list } = request.query;
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
