// HTTP problems (RFC 9457) as values with stable kinds; plugins/errors.ts sends them as
// application/problem+json, and maps the domain's errors (domain/errors.ts) to them.

export const problemKinds = {
  'invalid-parameter': {
    status: 400,
    title: 'Invalid parameter',
    description:
      'A query parameter or path segment is malformed, unknown, repeated or out of range. `errors` names each one.',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    description:
      'No route or no resource answers this path. For a country, the detail says whether the code is not an ISO 3166-1 code or has never had an SCO status.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The resource exists but does not answer this method; `Allow` lists those it answers.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not acceptable',
    description: 'No representation matches `Accept`; the detail lists those offered.',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    description: 'The request target is longer than the server accepts.',
  },
  'header-fields-too-large': {
    status: 431,
    title: 'Request header fields too large',
    description: 'The request headers are larger than the server accepts.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description: 'This client sent more requests than the limit allows; `Retry-After` says when to try again.',
  },
  internal: {
    status: 500,
    title: 'Internal server error',
    description: 'The server failed; the request id helps the operators find out why.',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    description: 'The database is not open yet, or the server is shutting down.',
  },
} as const;

export type ProblemKind = keyof typeof problemKinds;

export interface ParameterError {
  name: string;
  pointer: string;
  detail: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  constructor(
    readonly kind: ProblemKind,
    readonly detail: string,
    readonly errors?: ParameterError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = problemKinds[kind].status;
  }
}

export const problemType = (kind: ProblemKind) => `/problems/${kind}`;

export function invalidParameter(
  name: string,
  location: 'querystring' | 'params' | 'headers',
  detail: string,
): ApiProblem {
  return new ApiProblem('invalid-parameter', `${name}: ${detail}`, [{ name, pointer: `/${location}/${name}`, detail }]);
}

export const notFound = (detail: string) => new ApiProblem('not-found', detail);
