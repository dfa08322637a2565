import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { todayUtc } from '../domain/today.js';
import { compressors } from '../plugins/compression.js';
import { MAX_URL_LENGTH } from '../plugins/limits.js';
import { Admission } from './admission.js';
import { type HashedStart, hashedStart, representationDigest } from './body-hash.js';

// The one response cache: answers kept as they were sent (compressed, with their ETag and every
// header that is the same for all requests with the same key), replayed by a lookup. The data
// never changes while the process runs. Looked up and filled by plugins/response-cache.ts, inside
// Fastify, after the rate limiter.

export interface CachedResponse {
  etag: string;
  /** The headers the answer was sent with (not those of one request), with content-length, as name, value, name, value. */
  headers: string[];
  /** The headers of a 304 (see `inNotModified`), likewise. */
  headers304: string[];
  body: Buffer;
  /** An answer kept for a run of days (see `Dated`). */
  dated?: Dated;
}

/**
 * An answer kept for a run of days (domain/statuses.ts `runOf`): made for `date`, it is the answer
 * for any day of the run once `template` is learned from a second day's answer (`learn`).
 */
export interface Dated {
  date: string;
  /** The body before compression. */
  identity: Buffer;
  template?: DatedTemplate;
}

interface DatedTemplate {
  /** Where `date` is in the uncompressed body: another day's body is this one with that day written there. */
  offsets: number[];
  /** The hash of the body up to the first of them (http/body-hash.ts), so that an ETag hashes only the rest. */
  start: HashedStart;
  /** `"<dataset hash>-`, the ETag's start (plugins/response-cache.ts). */
  etagStart: string;
  /** Where, in `headers` and `headers304`, values hold the date (Link, Content-Disposition) or are the ETag and length. */
  dated: number[];
  dated304: number[];
  encoding: string | undefined;
}

const DATE_LENGTH = 10;

export const RATE_LIMIT_HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'];
// Headers that belong to one request, never replayed from the cache.
const PER_REQUEST_HEADERS = new Set([
  'x-request-id',
  ...RATE_LIMIT_HEADERS,
  'retry-after',
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);
const NOT_MODIFIED_HEADERS = new Set(['etag', 'cache-control', 'vary', 'x-request-id', ...RATE_LIMIT_HEADERS]);
const MAX_KEYED_HEADER = 256;
// A header in the key: a string (Node joins repeated ones) of bounded length.
const keyable = (value: unknown) => typeof value === 'string' && value.length <= MAX_KEYED_HEADER;

/**
 * Whether a 304 carries a header; one rule for a 304 from the cache and from Fastify. What RFC 9110
 * 15.4.5 requires (ETag, Cache-Control, Vary; Node adds Date), this request's id and rate limit,
 * and the answer's CORS headers, without which a cross-origin script that sent If-None-Match
 * itself could neither see the 304 nor read its ETag. Nothing else: a 304 updates a response the
 * client holds, and a cache keeps the stored headers it leaves out (RFC 9111 4.3.4).
 */
export function inNotModified(name: string): boolean {
  return NOT_MODIFIED_HEADERS.has(name) || name.startsWith('access-control-');
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming X-Request-Id when short and plain, otherwise a new one. */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The bytes of `view` in memory of their own. zlib's one-shot calls return a view on a 16 KiB output
 * buffer, and small buffers are views on a shared 8 KiB pool: kept as they are, a cache bounded by
 * the bytes it counts would hold many times more.
 */
export function ownBytes(view: Buffer): Buffer {
  if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) return view;
  const own = Buffer.allocUnsafeSlow(view.byteLength);
  view.copy(own);
  return own;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** If-None-Match uses the weak comparison (RFC 9110 13.1.2). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  // The usual case, a client sending back the one tag it was given, needs no parsing.
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

// What an entry counts for: its body, and 512 bytes for its key, headers and bookkeeping.
const entrySize = (bodyLength: number) => bodyLength + 512;

export class ResponseStore {
  private readonly cache: LRUCache<string, CachedResponse>;
  // An answer is kept when its key is asked again within the store's size (http/admission.ts).
  private readonly admission: Admission;

  constructor(
    /** With a restricted CORS_ORIGIN the CORS headers depend on Origin, which then joins the key. */
    private readonly keyOnOrigin: boolean,
    limits: { maxEntries?: number; maxBytes?: number } = {},
  ) {
    const maxBytes = limits.maxBytes ?? 16 * 1024 * 1024;
    this.cache = new LRUCache({
      max: limits.maxEntries ?? 5_000,
      maxSize: maxBytes,
      sizeCalculation: (entry) =>
        entrySize(
          entry.body.length + (entry.dated && entry.dated.identity !== entry.body ? entry.dated.identity.length : 0),
        ),
    });
    this.admission = new Admission(maxBytes);
  }

  /**
   * A request's identity: path, canonical query (parameters sorted), the headers that choose the
   * representation as sent, and the day. Null for what is never cached.
   */
  key(url: string, headers: IncomingHttpHeaders): string | null {
    // Longer request targets are refused (plugins/limits.ts), so never cached.
    if (url.length > MAX_URL_LENGTH) return null;
    // On every request, so written without intermediate arrays.
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    const search = mark < 0 ? '' : url.slice(mark + 1);
    const query = search.includes('&')
      ? new URLSearchParams(
          [...new URLSearchParams(search)].sort(([a, x], [b, y]) => compare(a, b) || compare(x, y)),
        ).toString()
      : search;
    // Named reads and one template: about half the time of a loop over the header names.
    const accept = headers.accept ?? '';
    const language = headers['accept-language'] ?? '';
    const encoding = headers['accept-encoding'] ?? '';
    if (!keyable(accept) || !keyable(language) || !keyable(encoding)) return null;
    if (!this.keyOnOrigin) return `${path}\n${query}\n${accept}\n${language}\n${encoding}\n${todayUtc()}`;
    const origin = headers.origin ?? '';
    if (!keyable(origin)) return null;
    return `${path}\n${query}\n${accept}\n${language}\n${encoding}\n${origin}\n${todayUtc()}`;
  }

  get(key: string): CachedResponse | undefined {
    return this.cache.get(key);
  }

  /**
   * Keeps an answer if its key was asked again soon enough (see `admission`), and says whether it did;
   * `headers` are all those it was sent with (per-request ones are dropped).
   */
  set(
    key: string,
    etag: string,
    headers: OutgoingHttpHeaders,
    body: Buffer,
    dated?: { date: string; identity: Buffer },
  ): boolean {
    const identity = dated && (dated.identity === body ? undefined : dated.identity);
    if (!this.admission.admit(key, entrySize(body.length + (identity?.length ?? 0)))) return false;
    const kept = this.headerList(headers);
    kept.push('content-length', String(body.length));
    const kept304: string[] = [];
    for (let i = 0; i < kept.length; i += 2) {
      if (inNotModified(kept[i] as string)) kept304.push(kept[i] as string, kept[i + 1] as string);
    }
    const own = ownBytes(body);
    const entry: CachedResponse = { etag, headers: kept, headers304: kept304, body: own };
    if (dated) entry.dated = { date: dated.date, identity: identity ? ownBytes(identity) : own };
    this.cache.set(key, entry);
    return true;
  }

  /** The headers an answer was sent with, but those of its one request, as name, value pairs. */
  private headerList(headers: OutgoingHttpHeaders): string[] {
    const kept: string[] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue;
      kept.push(name, String(value));
    }
    return kept;
  }

  /**
   * Writes a hit: 304 when If-None-Match matches, no body for HEAD. `perRequest` are this
   * request's own headers (its id, its rate limit), as name, value pairs; the rest is the kept
   * answer's. Returns the status sent.
   */
  serve(request: IncomingMessage, response: ServerResponse, hit: CachedResponse, perRequest: string[]): number {
    const fresh = !notModified(request.headers['if-none-match'], hit.etag);
    const status = fresh ? 200 : 304;
    // Node takes headers as a flat list of names and values, as it takes an object.
    response.writeHead(status, perRequest.concat(fresh ? hit.headers : hit.headers304));
    response.end(fresh && request.method !== 'HEAD' ? hit.body : undefined);
    return status;
  }

  /**
   * From a second day's answer for the same key, learns where the day is in the kept one (`Dated`).
   * Learned only when the two answers differ in nothing but the day, in the body and in every header
   * (the ETag aside); false otherwise, and the kept answer stays as it is.
   */
  learn(entry: CachedResponse, date: string, identity: Buffer, headers: OutgoingHttpHeaders): boolean {
    const dated = entry.dated;
    if (!dated || dated.template || date === dated.date || date.length !== DATE_LENGTH) return false;
    const offsets = dateOffsets(dated.identity, dated.date, identity, date);
    if (!offsets) return false;
    const other = this.headerList(headers);
    // The kept list ends with content-length, which `headerList` leaves out.
    if (other.length !== entry.headers.length - 2) return false;
    const sameBut = (kept: string[], i: number) =>
      kept[i] === other[i] && (kept[i + 1] as string).replaceAll(dated.date, date) === other[i + 1];
    const dated200: number[] = [];
    for (let i = 0; i < entry.headers.length; i += 2) {
      const name = entry.headers[i] as string;
      if (name === 'etag' || name === 'content-length') dated200.push(i + 1);
      else if (!sameBut(entry.headers, i)) return false;
      else if ((entry.headers[i + 1] as string).includes(dated.date)) dated200.push(i + 1);
    }
    const dated304: number[] = [];
    for (let i = 0; i < entry.headers304.length; i += 2) {
      const value = entry.headers304[i + 1] as string;
      if (entry.headers304[i] === 'etag' || value.includes(dated.date)) dated304.push(i + 1);
    }
    const contentType = String(headers['content-type']);
    const etag = entry.etag;
    dated.template = {
      offsets,
      start: hashedStart(contentType, dated.identity.subarray(0, offsets[0] ?? dated.identity.length)),
      etagStart: etag.slice(0, etag.indexOf('-') + 1),
      dated: dated200,
      dated304,
      encoding: typeof headers['content-encoding'] === 'string' ? headers['content-encoding'] : undefined,
    };
    return true;
  }

  /** The answer of a learned entry (`learn`) for another `date` of its run, compressed as the kept one is. */
  forDate(entry: CachedResponse, date: string): CachedResponse {
    const dated = entry.dated as Dated;
    const template = dated.template as DatedTemplate;
    const identity = Buffer.allocUnsafe(dated.identity.length);
    dated.identity.copy(identity);
    for (const offset of template.offsets) identity.write(date, offset, DATE_LENGTH, 'latin1');
    const digest = representationDigest(template.start.contentType, identity, template.start);
    const encoding = template.encoding;
    const compress = encoding ? compressors[encoding] : undefined;
    const body = compress ? compress(identity) : identity;
    const etag = `${template.etagStart}${digest.slice(0, 24)}${encoding ? `-${encoding}` : ''}"`;
    const fill = (kept: string[], at: number[]) => {
      const headers = kept.slice();
      for (const i of at) {
        const name = headers[i - 1];
        headers[i] =
          name === 'etag'
            ? etag
            : name === 'content-length'
              ? String(body.length)
              : (headers[i] as string).replaceAll(dated.date, date);
      }
      return headers;
    };
    return {
      etag,
      headers: fill(entry.headers, template.dated),
      headers304: fill(entry.headers304, template.dated304),
      body,
    };
  }

  clear() {
    this.cache.clear();
    this.admission.clear();
  }

  get size() {
    return this.cache.size;
  }
}

/**
 * Where two bodies made for two days differ only by the day: the offsets of `date` in `body` where
 * `otherBody` has `otherDate`, when writing `date` there instead makes `otherBody` into `body`.
 * Null when they differ in anything else (their length, or a byte outside those places).
 */
export function dateOffsets(body: Buffer, date: string, otherBody: Buffer, otherDate: string): number[] | null {
  if (body.length !== otherBody.length || date.length !== otherDate.length) return null;
  const offsets: number[] = [];
  const mine = Buffer.from(date, 'latin1');
  const theirs = Buffer.from(otherDate, 'latin1');
  let from = 0;
  for (let at = otherBody.indexOf(theirs); at >= 0; at = otherBody.indexOf(theirs, at + 1)) {
    if (at < from || body.compare(mine, 0, mine.length, at, at + mine.length) !== 0) continue;
    offsets.push(at);
    from = at + mine.length;
  }
  const rewritten = Buffer.from(otherBody);
  for (const offset of offsets) mine.copy(rewritten, offset);
  return rewritten.equals(body) ? offsets : null;
}
