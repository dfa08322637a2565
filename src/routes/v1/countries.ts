import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statusValues } from '../../../dataset/vocabulary.js';
import { todayUtc } from '../../domain/today.js';
import { listResponse, problemResponses } from '../../http/operations.js';
import { invalidParameter } from '../../http/problems.js';
import { requestLanguage, sendList, sendOne } from '../../http/respond.js';
import {
  asOfParam,
  countryParam,
  enumListParam,
  includeFormerParam,
  langParam,
  listQuery,
  qParam,
} from '../../schemas/query.js';
import { countrySchema, statusPeriodSchema } from '../../schemas/resources.js';
import { countryList, countryResponse, statusPeriodList } from '../../schemas/responses.js';

const countryFields = ['code', 'iso3', 'name', 'names', 'status', 'statusSince'] as const;
const periodFields = Object.keys(statusPeriodSchema.shape);

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/countries',
    {
      config: { representations: ['json', 'csv'], cacheByDay: 'asOf' },
      schema: {
        operationId: 'listCountries',
        tags: ['countries'],
        summary: 'Countries and their status on a date',
        description:
          'Countries with an SCO status on `asOf` (default today). `includeFormer=true` (without `status`) adds the others with status null.',
        querystring: listQuery(
          {
            status: enumListParam(statusValues, 'status'),
            asOf: asOfParam,
            q: qParam,
            includeFormer: includeFormerParam,
          },
          ['code', 'iso3', 'name', 'status', 'statusSince'],
          'code',
          countryFields,
        ),
        response: { 200: listResponse(countryList), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { status, asOf = todayUtc(), q, includeFormer, lang, ...list } = request.query;
      if (includeFormer && status) {
        throw invalidParameter(
          'includeFormer',
          'querystring',
          'cannot be combined with status: former countries have no status',
        );
      }
      const countries = request.server.repos.countries.list({
        asOf,
        statuses: status,
        q,
        includeFormer,
        lang: requestLanguage(request, lang),
      });
      return sendList(request, reply, countries, list, { itemSchema: countrySchema, asOf, tieBreakers: ['code'] });
    },
  );

  app.get(
    '/countries/:code',
    {
      schema: {
        operationId: 'getCountry',
        tags: ['countries'],
        summary: 'One country with its status history',
        description:
          'Accepts alpha-2 or alpha-3 codes in any case (`by`, `BLR`) and answers with the canonical resource.',
        params: z.strictObject({ code: countryParam }),
        querystring: z.strictObject({ asOf: asOfParam, lang: langParam }),
        response: { 200: countryResponse, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { asOf = todayUtc(), lang } = request.query;
      const country = request.server.repos.countries.get(request.params.code, {
        asOf,
        lang: requestLanguage(request, lang),
      });
      return sendOne(request, reply, country, asOf);
    },
  );

  app.get(
    '/countries/:code/statuses',
    {
      config: { representations: ['json', 'csv'] },
      schema: {
        operationId: 'listCountryStatuses',
        tags: ['countries', 'statuses'],
        summary: "A country's status periods",
        description: 'Oldest first by default.',
        params: z.strictObject({ code: countryParam }),
        querystring: listQuery({}, ['from', 'to', 'status'], 'from', periodFields),
        response: { 200: listResponse(statusPeriodList), ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      return sendList(request, reply, request.server.repos.countries.statuses(request.params.code), request.query, {
        itemSchema: statusPeriodSchema,
      });
    },
  );
};

export default routes;
