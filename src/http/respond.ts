import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { z } from 'zod';
import { languageValues } from '../../dataset/vocabulary.js';
import { listKey, type Page, pageLinks, paginate, pickFields } from '../domain/listing.js';
import type { Language } from '../schemas/primitives.js';
import type { SortKey } from '../schemas/query.js';
import { Admission } from './admission.js';
import { type HashedStart, hashedStart } from './body-hash.js';
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

const JSON_TYPE = 'application/json; charset=utf-8';
const DATA_OPEN = Buffer.from('{"data":[');
const COMMA = Buffer.from(',');

// The JSON bytes of each shared item, made the first time it is sent, each in memory of its own:
// shared items live as long as the dataset, so this holds the dataset's text once at most. A page
// start is then one copy of those bytes, with no text to encode.
const itemBytes = new WeakMap<object, Buffer>();
function bytesOf(item: object): Buffer {
  let bytes = itemBytes.get(item);
  if (bytes === undefined) {
    bytes = ownBytes(Buffer.from(JSON.stringify(item)));
    itemBytes.set(item, bytes);
  }
  return bytes;
}

// The start of each JSON page of shared items, `{"data":[...items`, and its hash state
// (http/body-hash.ts): a new date in the same interval asks for the same items again, and its answer
// is then these bytes and a few hundred more (meta and links), whose ETag hashes only those few
// hundred. Known by the items on the page (list, order, offset and count, not the limit asked), kept
// when asked again before as many bytes of other starts were (http/admission.ts, as the response
// store does), and bounded by bytes, with an allowance for each entry's key and hash state, so that
// a flood of one-off pages neither churns nor grows it.
const PAGE_STARTS_BYTES = 4 * 1024 * 1024;
const startSize = (start: HashedStart) => start.bytes.length + 2048;
const pageStarts = new LRUCache<string, HashedStart>({ maxSize: PAGE_STARTS_BYTES, sizeCalculation: startSize });
const pageStartAdmission = new Admission(PAGE_STARTS_BYTES);
const EMPTY_START = hashedStart(JSON_TYPE, DATA_OPEN);

/** The start of the JSON of a page of shared items: kept, or made (and kept when asked again soon enough). */
function pageStart(items: object[], key: string): HashedStart {
  if (items.length === 0) return EMPTY_START;
  let start = pageStarts.get(key);
  if (start) return start;
  // The bytes JSON.stringify({ data: items, ... }) begins with.
  const parts: Buffer[] = [DATA_OPEN];
  for (const item of items) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(bytesOf(item));
  }
  start = hashedStart(JSON_TYPE, ownBytes(Buffer.concat(parts)));
  if (pageStartAdmission.admit(key, startSize(start))) pageStarts.set(key, start);
  return start;
}

/** One page of `items`, sorted and cut; with `start`, the hashed start of its JSON, when made of shared items and asked as JSON, not projected. */
function pageOf<T extends object>(
  items: T[],
  query: ListQuery,
  tieBreakers: string[] | undefined,
  json: boolean,
): Page<T> & { start?: HashedStart } {
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
  if (query.fields || !json) return page;
  return { ...page, start: pageStart(page.items, `${query.offset} ${page.items.length} ${key}`) };
}

/** One collection answer: sorted, paginated, projected, with links in the body and in the Link header; or CSV. */
export function sendList<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: T[],
  query: ListQuery,
  options: { itemSchema: z.ZodType; asOf?: string; tieBreakers?: string[] },
) {
  const page = pageOf(items, query, options.tieBreakers, request.representation === 'json');
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
  if (!page.start) return reply.send({ data: pickFields(page.items, query.fields), meta, links });
  // The bytes JSON.stringify({ data, meta, links }) gives: the kept start, then meta and links.
  const end = Buffer.from(`],"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)}}`);
  reply.hashedStart = page.start;
  return reply.type(JSON_TYPE).send(Buffer.concat([page.start.bytes, end]));
}

export function sendOne<T>(request: FastifyRequest, reply: FastifyReply, item: T, asOf?: string) {
  return reply.send({ data: item, meta: responseMeta(request, asOf) });
}
