import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eventTypeValues, modeValues, seriesValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { todayUtc } from '../../domain/today.js';
import { isoDate } from '../../schemas/primitives.js';
import { countryParam, dateParam, enumListParam, listQuery, qParam } from '../../schemas/query.js';
import { eventSchema, summitSchema } from '../../schemas/resources.js';
import { eventList, snapshotResponse, summitList, summitResponse } from '../../schemas/responses.js';
import { listResponse, problemResponses } from '../common.js';
import { sendList, sendOne } from '../respond.js';

export const summitId = z
  .string()
  .regex(/^\d{4}-[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, { error: 'expected a summit id such as 2024-astana' })
  .max(64, { error: 'expected a summit id such as 2024-astana' })
  .meta({ description: 'Summit id: `{year}-{city-slug}`', example: '2024-astana' });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/snapshots/:date',
    {
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
      const { year, from, to, host, series, mode, lang: _lang, ...list } = request.query;
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
      const { type, country, summit, from, to, q, lang: _lang, ...list } = request.query;
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
