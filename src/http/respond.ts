import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import { languageValues } from '../../dataset/vocabulary.js';
import { listKey, type Page, pageLinks, paginate, pickFields } from '../domain/listing.js';
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

/** A page of a list, sorted and cut, with its `data` as JSON bytes. */
interface KeptPage<T> extends Page<T> {
  data: Buffer;
}

// Pages of lists made of shared items (listing.ts `shared`), by the items and the list parameters:
// every date of an interval between two membership changes gives the same items, so a new date
// costs a lookup here instead of a sort and the serialisation of the data. Bounded, by count and
// bytes; what varies with the request (meta, links) is serialised per request.
const keptPages = new LRUCache<string, KeptPage<object>>({
  max: 2_000,
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (page) => page.data.length + 256 + page.items.length * 8,
});

function pageOf<T extends object>(
  items: T[],
  query: ListQuery,
  tieBreakers: string[] | undefined,
): Page<T> & { data?: Buffer } {
  const itemsKey = listKey(items);
  if (itemsKey === null) return paginate(items, { ...query, tieBreakers });
  const sort = query.sort.map(({ key, descending }) => `${descending ? '-' : ''}${key}`).join(',');
  const key = `${sort} ${tieBreakers?.join(',') ?? ''} ${query.limit} ${query.offset} ${query.fields?.join(',') ?? '*'} ${itemsKey}`;
  let page = keptPages.get(key) as KeptPage<T> | undefined;
  if (!page) {
    const sorted = paginate(items, { ...query, tieBreakers });
    page = { ...sorted, data: Buffer.from(JSON.stringify(pickFields(sorted.items, query.fields))) };
    keptPages.set(key, page);
  }
  return page;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const DATA_OPEN = Buffer.from('{"data":');

/** One collection answer: sorted, paginated, projected, with links in the body and in the Link header; or CSV. */
export function sendList<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: T[],
  query: ListQuery,
  options: { itemSchema: z.ZodType; asOf?: string; tieBreakers?: string[] },
) {
  const page = pageOf(items, query, options.tieBreakers);
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
  const meta = { ...responseMeta(request, options.asOf), total: page.total, limit: page.limit, offset: page.offset };
  if (!page.data) return reply.send({ data: pickFields(page.items, query.fields), meta, links });
  // The bytes JSON.stringify({ data, meta, links }) gives, with the kept serialisation of data.
  const rest = Buffer.from(`,"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)}}`);
  return reply.type(JSON_TYPE).send(Buffer.concat([DATA_OPEN, page.data, rest]));
}

export function sendOne<T>(request: FastifyRequest, reply: FastifyReply, item: T, asOf?: string) {
  return reply.send({ data: item, meta: responseMeta(request, asOf) });
}
