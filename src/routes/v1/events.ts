import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventTypeValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList } from '../../http/respond.js';
import { countryParam, dateParam, enumListParam, listQuery, qParam, summitId } from '../../schemas/query.js';
import { eventSchema } from '../../schemas/resources.js';
import { eventList } from '../../schemas/responses.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/events',
    {
      config: { representations: ['json', 'csv'] },
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'The timeline',
        description:
          'Status decisions, accessions signed, chair handovers, statements, proposals and summits, oldest first.',
        querystring: listQuery(
          {
            type: enumListParam(eventTypeValues, 'event type'),
            country: countryParam.optional(),
            summit: summitId.optional().meta({ description: 'Events of one summit (id)', example: '2024-astana' }),
            from: dateParam('First day (inclusive)'),
            to: dateParam('Last day (inclusive)'),
            q: qParam,
          },
          ['date', 'id', 'type'],
          'date',
          Object.keys(eventSchema.shape),
        ),
        response: { 200: listResponse(eventList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { type, country, summit, from, to, q, ...list } = request.query;
      checkRange(from, to);
      const events = request.server.repos.events.list({
        types: type,
        country: countryFilter(country),
        summit: summit?.toLowerCase(),
        from,
        to,
        q,
      });
      return sendList(request, reply, events, list, { itemSchema: eventSchema, tieBreakers: ['date', 'id'] });
    },
  );
};

export default routes;
