import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import { languageValues } from '../../dataset/vocabulary.js';
import { listKey, type Page, pageLinks, paginate, pickFields } from '../domain/listing.js';
import type { Language } from '../schemas/primitives.js';
import type { SortKey } from '../schemas/query.js';
import { toCsv } from './csv.js';
import { ownBytes } from './response-store.js';

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

// Lists made of shared items (listing.ts `shared`) sorted once per order: every date of an interval
// between two membership changes gives the same items, so a new date costs a lookup here instead of
// a sort. Kept by the items and the order alone (not the page asked for), so the few intervals and
// orders there are fill it and a flood of new dates or page sizes changes nothing in it; each holds
// references to shared items only.
const sortedLists = new LRUCache<string, object[]>({ max: 1_000 });

// The JSON bytes of each shared item, made the first time it is sent, each in memory of its own:
// shared items live as long as the dataset, so this holds the dataset's text once at most. A page
// of them is then one copy of those bytes, with no text to encode.
const itemBytes = new WeakMap<object, Buffer>();
function bytesOf(item: object): Buffer {
  let bytes = itemBytes.get(item);
  if (bytes === undefined) {
    bytes = ownBytes(Buffer.from(JSON.stringify(item)));
    itemBytes.set(item, bytes);
  }
  return bytes;
}

/** One page of `items`, sorted and cut; with `data`, its items' JSON bytes, when made of shared items and not projected. */
function pageOf<T extends object>(
  items: T[],
  query: ListQuery,
  tieBreakers: string[] | undefined,
): Page<T> & { data?: Buffer[] } {
  const itemsKey = listKey(items);
  if (itemsKey === null) return paginate(items, { ...query, tieBreakers });
  const order = query.sort.map(({ key, descending }) => `${descending ? '-' : ''}${key}`).join(',');
  const key = `${order} ${tieBreakers?.join(',') ?? ''} ${itemsKey}`;
  let sorted = sortedLists.get(key) as T[] | undefined;
  if (!sorted) {
    sorted = paginate(items, { sort: query.sort, limit: items.length, offset: 0, tieBreakers }).items;
    sortedLists.set(key, sorted);
  }
  const page = {
    items: sorted.slice(query.offset, query.offset + query.limit),
    total: items.length,
    limit: query.limit,
    offset: query.offset,
  };
  return query.fields ? page : { ...page, data: page.items.map(bytesOf) };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const DATA_OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

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
  // The bytes JSON.stringify({ data, meta, links }) gives, with the kept bytes of each item.
  const parts: Buffer[] = [DATA_OPEN];
  for (const bytes of page.data) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(bytes);
  }
  parts.push(Buffer.from(`],"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)}}`));
  return reply.type(JSON_TYPE).send(Buffer.concat(parts));
}

export function sendOne<T>(request: FastifyRequest, reply: FastifyReply, item: T, asOf?: string) {
  return reply.send({ data: item, meta: responseMeta(request, asOf) });
}
