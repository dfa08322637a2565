import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { todayUtc } from '../domain/today.js';
import { MAX_URL_LENGTH } from '../plugins/limits.js';
import { Admission } from './admission.js';

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
}

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
      sizeCalculation: (entry) => entrySize(entry.body.length),
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
  set(key: string, etag: string, headers: OutgoingHttpHeaders, body: Buffer): boolean {
    if (!this.admission.admit(key, entrySize(body.length))) return false;
    const kept: string[] = [];
    const kept304: string[] = [];
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined || PER_REQUEST_HEADERS.has(name)) continue;
      kept.push(name, String(value));
      if (inNotModified(name)) kept304.push(name, String(value));
    }
    kept.push('content-length', String(body.length));
    this.cache.set(key, { etag, headers: kept, headers304: kept304, body: ownBytes(body) });
    return true;
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

  clear() {
    this.cache.clear();
    this.admission.clear();
  }

  get size() {
    return this.cache.size;
  }
}
