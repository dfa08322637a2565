import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modeValues, seriesValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList, sendOne } from '../../http/respond.js';
import { countryParam, dateParam, enumListParam, listQuery, summitId } from '../../schemas/query.js';
import { summitSchema } from '../../schemas/resources.js';
import { summitList, summitResponse } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/summits',
    {
      config: { representations: ['json', 'csv'] },
      schema: {
        operationId: 'listSummits',
        tags: ['summits'],
        summary: 'Summits of the Council of Heads of State and of the Shanghai Five',
        description:
          '`from`/`to` keep the summits overlapping that range; a planned summit without dates matches only `year`.',
        querystring: listQuery(
          {
            year: z.coerce
              .number({ error: 'expected a year such as 2024' })
              .int({ error: 'expected a year such as 2024' })
              .min(1000, { error: 'expected a year such as 2024' })
              .max(9999, { error: 'expected a year such as 2024' })
              .optional()
              .meta({
                description: 'Summits of that year (by id, so a planned summit without dates matches)',
                example: 2024,
              }),
            from: dateParam('Start of the range (inclusive)'),
            to: dateParam('End of the range (inclusive)'),
            host: countryParam.optional(),
            series: enumListParam(seriesValues, 'series'),
            mode: enumListParam(modeValues, 'mode'),
          },
          ['startDate', 'endDate', 'id', 'ordinal', 'city', 'host', 'series'],
          'startDate',
          Object.keys(summitSchema.shape),
        ),
        response: { 200: listResponse(summitList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { year, from, to, host, series, mode, ...list } = request.query;
      checkRange(from, to);
      const summits = request.server.repos.summits.list({
        year,
        from,
        to,
        host: countryFilter(host, 'host'),
        series,
        mode,
      });
      return sendList(request, reply, summits, list, { itemSchema: summitSchema, tieBreakers: ['id'] });
    },
  );

  app.get(
    '/summits/:id',
    {
      schema: {
        operationId: 'getSummit',
        tags: ['summits'],
        summary: 'One summit with its decisions, chair handover, events and sources',
        description:
          'The summit, the status changes decided there, the chair handed over, its events on the timeline, and every source they cite (`citations`).',
        params: z.strictObject({ id: summitId }),
        querystring: z.strictObject({}),
        response: { 200: summitResponse, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => sendOne(request, reply, request.server.repos.summits.get(request.params.id)),
  );
};

export default routes;
