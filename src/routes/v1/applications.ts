import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { applicationOutcomeValues, statusValues } from '../../../dataset/vocabulary.js';
import { countryFilter } from '../../domain/codes.js';
import { checkRange } from '../../domain/range.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { sendList, sendOne } from '../../http/respond.js';
import { countryParam, dateParam, enumListParam, listQuery } from '../../schemas/query.js';
import { applicationSchema } from '../../schemas/resources.js';
import { applicationList, applicationResponse } from '../../schemas/responses.js';

const applicationId = z
  .string()
  .regex(/^[A-Za-z]{2}-[a-z]+(-[a-z]+)?-\d{4}$/, { error: 'expected an application id such as am-member-2025' })
  .meta({ description: 'Application id: `{country}-{requested}-{year filed}`', example: 'am-member-2025' });

const listDescription = [
  'Documented requests for a status (`member`, `observer`, `dialogue_partner`, `partner`) and what became of them, oldest filing first.',
  'An application never gives a status by itself: the status periods do (`grantedPeriod` points to the one it led to).',
  '`pendingOn=D` keeps those filed on or before D and not resolved by D (outcome `pending`, or resolved after D); a resolution without a known day (`resolvedOn` null) is never counted as pending.',
  'A `filedOn` known only to the month or year is its first day (`filedPrecision`), for `from`/`to` and `pendingOn` too.',
  'Not every application is named: the Secretary-General spoke of 19 countries that had applied for membership or a change of status (2025-09-24) and of "more than ten applications" in the queue (2026-02-02); only those a source names are served.',
].join(' ');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/applications',
    {
      config: { representations: ['json', 'csv'] },
      schema: {
        operationId: 'listApplications',
        tags: ['applications'],
        summary: 'Applications for a status and what became of them',
        description: listDescription,
        querystring: listQuery(
          {
            country: countryParam.optional(),
            requested: enumListParam(statusValues, 'requested status'),
            outcome: enumListParam(applicationOutcomeValues, 'outcome'),
            pendingOn: dateParam('Applications pending at the end of that day (filed by then, not resolved by then)'),
            from: dateParam('Filed on or after this day'),
            to: dateParam('Filed on or before this day'),
          },
          ['filedOn', 'id', 'country', 'requested', 'outcome', 'resolvedOn'],
          'filedOn',
          Object.keys(applicationSchema.shape),
        ),
        response: { 200: listResponse(applicationList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { country, requested, outcome, pendingOn, from, to, ...list } = request.query;
      checkRange(from, to);
      const applications = request.server.repos.applications.list({
        country: countryFilter(country),
        requested,
        outcome,
        pendingOn,
        from,
        to,
      });
      return sendList(request, reply, applications, list, {
        itemSchema: applicationSchema,
        asOf: pendingOn,
        tieBreakers: ['filedOn', 'id'],
      });
    },
  );

  app.get(
    '/applications/:id',
    {
      schema: {
        operationId: 'getApplication',
        tags: ['applications'],
        summary: 'One application with its milestones',
        description: 'An application by id, e.g. `am-member-2025` or `ir-member-2008`.',
        params: z.strictObject({ id: applicationId }),
        querystring: z.strictObject({}),
        response: { 200: applicationResponse, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => sendOne(request, reply, request.server.repos.applications.get(request.params.id)),
  );
};

export default routes;
