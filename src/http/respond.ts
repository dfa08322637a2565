import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { languageValues } from '../../dataset/vocabulary.js';
import { type Page, pageLinks, paginate, pickFields } from '../domain/listing.js';
import type { Language } from '../schemas/primitives.js';
import type { SortKey } from '../schemas/query.js';
import { toCsv } from './csv.js';

export interface ListQuery {
  limit: number;
  offset: number;
  sort: SortKey[];
  fields?: string[] | undefined;
  lang?: Language | undefined;
}

// What Accept-Language negotiates among: a mutable copy, made once rather than on each request.
const offeredLanguages: string[] = [...languageValues];

/** `lang` wins; then the best of Accept-Language; then English. */
export function requestLanguage(request: FastifyRequest, lang: Language | undefined): Language {
  if (lang) return lang;
  const accepted = request.headers['accept-language'] ? request.languages(offeredLanguages) : false;
  return (accepted || 'en') as Language;
}

function responseMeta(request: FastifyRequest, asOf?: string) {
  const { version, verifiedThrough } = request.server.repos.meta.info;
  return asOf === undefined
    ? { datasetVersion: version, verifiedThrough }
    : { datasetVersion: version, verifiedThrough, asOf };
}

/** `countries-BY-statuses.csv` from `/v1/countries/BY/statuses`. */
function csvFilename(request: FastifyRequest): string {
  const path = (request.url.split('?')[0] ?? '').replace(/^\/v1\//, '').replace(/\/+$/, '');
  return `${path.replace(/[^A-Za-z0-9-]+/g, '-') || 'data'}.csv`;
}

/** Sends CSV text as an attachment with a filename. */
export function sendCsv(reply: FastifyReply, csv: string, filename: string) {
  return reply
    .type('text/csv; charset=utf-8; header=present')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(csv);
}

/** One collection answer: sorted, paginated, projected, with links in the body and in the Link header; or CSV. */
export function sendList<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: T[],
  query: ListQuery,
  options: { itemSchema: z.ZodType; asOf?: string; tieBreakers?: string[] },
) {
  const page: Page<T> = paginate(items, { ...query, tieBreakers: options.tieBreakers });
  const [path = '/', search = ''] = request.url.split('?');
  const links = pageLinks(path, new URLSearchParams(search), page);
  reply.header(
    'link',
    Object.entries(links)
      .map(([rel, href]) => `<${href}>; rel="${rel}"`)
      .join(', '),
  );
  if (request.representation === 'csv') {
    return sendCsv(reply, toCsv(page.items, options.itemSchema, query.fields), csvFilename(request));
  }
  return reply.send({
    data: pickFields(page.items, query.fields),
    meta: { ...responseMeta(request, options.asOf), total: page.total, limit: page.limit, offset: page.offset },
    links,
  });
}

export function sendOne<T>(request: FastifyRequest, reply: FastifyReply, item: T, asOf?: string) {
  return reply.send({ data: item, meta: responseMeta(request, asOf) });
}
