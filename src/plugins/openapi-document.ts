import type { OpenAPIV3_1 } from 'openapi-types';

// What the HTTP plugins add to every operation (conditional requests, negotiation, rate limits,
// request ids), documented once here rather than in each route.

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

const ref = (kind: 'headers' | 'parameters' | 'responses', name: string) => ({ $ref: `#/components/${kind}/${name}` });
const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

const headers: Record<string, OpenAPIV3_1.HeaderObject> = {
  ETag: {
    description:
      'Strong validator of this representation: the dataset hash and a digest of the bytes (a suffix per content-coding)',
    schema: { type: 'string' },
    example: '"ffaad9b9efdb-88255a6c236a864c54cb09f5"',
  },
  CacheControl: {
    description: 'public, max-age=CACHE_MAX_AGE (300 by default), stale-while-revalidate=86400',
    schema: { type: 'string' },
    example: 'public, max-age=300, stale-while-revalidate=86400',
  },
  Vary: {
    description: 'The request headers that choose the representation',
    schema: { type: 'string' },
    example: 'accept, accept-encoding, accept-language',
  },
  Link: {
    description: 'RFC 8288 links to this page and its neighbours (self, first, last, next, prev), as in the body',
    schema: { type: 'string' },
    example: '</v1/countries?limit=10&offset=10>; rel="next"',
  },
  RequestId: {
    description: 'The request id: the X-Request-Id sent, or one made for the request',
    schema: { type: 'string' },
  },
  RateLimitLimit: {
    description:
      'Requests allowed per minute for this client; sent when a limit is on (the balancer in front, or the server with RATE_LIMIT_MAX set)',
    schema: { type: 'integer' },
    example: 600,
  },
  RateLimitRemaining: { description: 'Requests left in the current window', schema: { type: 'integer' }, example: 599 },
  RateLimitReset: { description: 'Seconds until the window resets', schema: { type: 'integer' }, example: 60 },
  RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer' }, example: 42 },
  ContentDisposition: {
    description: 'For CSV and downloads: an attachment with a file name',
    schema: { type: 'string' },
    example: 'attachment; filename="countries.csv"',
  },
};

const parameters: Record<string, OpenAPIV3_1.ParameterObject> = {
  IfNoneMatch: {
    in: 'header',
    name: 'If-None-Match',
    required: false,
    description: 'ETags the client holds; a match answers 304 with no body',
    schema: { type: 'string' },
    example: '"ffaad9b9efdb-88255a6c236a864c54cb09f5"',
  },
  AcceptLanguage: {
    in: 'header',
    name: 'Accept-Language',
    required: false,
    description: 'Chooses the language of `name` when `lang` is absent (en, fr, ru, zh; default en)',
    schema: { type: 'string' },
    example: 'fr-FR, fr;q=0.9, en;q=0.5',
  },
  RequestId: {
    in: 'header',
    name: 'X-Request-Id',
    required: false,
    description: 'A request id to log and echo: 1 to 128 of A-Z a-z 0-9 . _ : - (otherwise one is made)',
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$', maxLength: 128 },
    example: 'trace-6f1c2b8e',
  },
};

const rateLimitHeaders = {
  'RateLimit-Limit': ref('headers', 'RateLimitLimit'),
  'RateLimit-Remaining': ref('headers', 'RateLimitRemaining'),
  'RateLimit-Reset': ref('headers', 'RateLimitReset'),
};

const responses: Record<string, OpenAPIV3_1.ResponseObject> = {
  NotModified: {
    description:
      'Not modified: If-None-Match matched the ETag; no body. Also the CORS headers of the answer, the request id and, when the rate limit is on, its headers; nothing else',
    headers: {
      ETag: ref('headers', 'ETag'),
      'Cache-Control': ref('headers', 'CacheControl'),
      Vary: ref('headers', 'Vary'),
      'X-Request-Id': ref('headers', 'RequestId'),
      ...rateLimitHeaders,
    },
  },
  NotAcceptable: { description: 'No representation matches Accept; the detail lists those offered', content: problem },
  UriTooLong: { description: 'The request target is longer than 2048 characters', content: problem },
  ServiceUnavailable: {
    description: 'The database is not open yet (start-up) or the server is shutting down: retry after Retry-After',
    headers: { 'Retry-After': ref('headers', 'RetryAfter') },
    content: problem,
  },
  TooManyRequests: {
    description: 'Too many requests from this client: wait Retry-After seconds',
    headers: { 'Retry-After': ref('headers', 'RetryAfter'), ...rateLimitHeaders },
    content: problem,
  },
};

/**
 * A query parameter whose schema is an array is a comma list on the wire (`status=member,observer`),
 * never a repeated parameter, which the server rejects; generated clients read this to serialise it.
 */
function commaSeparated(parameter: OpenAPIV3_1.ParameterObject): OpenAPIV3_1.ParameterObject {
  const schema = parameter.schema as OpenAPIV3_1.SchemaObject | undefined;
  if (parameter.in !== 'query' || schema?.type !== 'array') return parameter;
  return { ...parameter, style: 'form', explode: false };
}

/** Operations answered without caching or rate limiting. */
const healthOperations = new Set(['getHealth', 'getReadiness']);

function finishOperation(operation: Operation) {
  const id = operation.operationId ?? '';
  const cacheable = !healthOperations.has(id);
  const params = (operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
  const isList = params.some((p) => p.name === 'limit');
  const hasLang = params.some((p) => p.name === 'lang');

  operation.parameters = [
    ...params.map(commaSeparated),
    ...(cacheable ? [ref('parameters', 'IfNoneMatch')] : []),
    ...(hasLang ? [ref('parameters', 'AcceptLanguage')] : []),
    ref('parameters', 'RequestId'),
  ];

  const responsesOf = operation.responses ?? {};
  const ok = responsesOf['200'] as OpenAPIV3_1.ResponseObject | undefined;
  if (ok) {
    if (ok.description === 'Default Response') ok.description = operation.summary ?? 'OK';
    const csvOrFile = Object.keys(ok.content ?? {}).some((type) => type !== 'application/json');
    ok.headers = {
      'X-Request-Id': ref('headers', 'RequestId'),
      ...(cacheable
        ? {
            ETag: ref('headers', 'ETag'),
            'Cache-Control': ref('headers', 'CacheControl'),
            Vary: ref('headers', 'Vary'),
            ...rateLimitHeaders,
          }
        : {}),
      ...(isList ? { Link: ref('headers', 'Link') } : {}),
      ...(csvOrFile ? { 'Content-Disposition': ref('headers', 'ContentDisposition') } : {}),
    };
  }
  operation.responses = Object.fromEntries(
    Object.entries({
      ...responsesOf,
      ...(cacheable ? { 304: ref('responses', 'NotModified') } : {}),
      406: ref('responses', 'NotAcceptable'),
      414: ref('responses', 'UriTooLong'),
      ...(cacheable ? { 429: ref('responses', 'TooManyRequests'), 503: ref('responses', 'ServiceUnavailable') } : {}),
    }).sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Every `$ref` reachable from the paths, so that unused component schemas can be dropped. */
function reachableSchemas(doc: Document): Set<string> {
  const seen = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!seen.has(name)) {
          seen.add(name);
          visit(doc.components?.schemas?.[name]);
        }
      } else visit(value);
    }
  };
  visit(doc.paths);
  visit(responses);
  return seen;
}

/** Adds the HTTP layer to every operation, and drops the components nothing refers to. */
export function finishDocument(doc: Document): Document {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const method of ['get', 'head', 'options'] as const) {
      const operation = item?.[method];
      if (operation) finishOperation(operation);
    }
  }
  doc.components = { ...doc.components, headers, parameters, responses };
  const used = reachableSchemas(doc);
  doc.components.schemas = Object.fromEntries(
    Object.entries(doc.components.schemas ?? {}).filter(([name]) => used.has(name)),
  );
  return doc;
}
