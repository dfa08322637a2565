import autocannon from 'autocannon';

// A mix of every endpoint, as clients use them: repeats that the cache answers, conditional
// requests, CSV and compressed answers, and dates that change with every request (cache misses,
// and evictions once the cache is full).

const fixed = [
  '/',
  '/v1/countries',
  '/v1/countries?status=member&asOf=2024-07-04&lang=fr',
  '/v1/countries?q=stan',
  '/v1/countries/BY',
  '/v1/countries/blr/statuses',
  '/v1/statuses?limit=100',
  '/v1/changes?from=2015-01-01&to=2025-12-31',
  '/v1/snapshots/latest',
  '/v1/summits?limit=50',
  '/v1/summits/2024-astana',
  '/v1/events?summit=2024-astana',
  '/v1/events?q=main%20dans%20la%20main',
  '/v1/sources?limit=100',
  '/v1/sources/article-fr-astana-2024',
  '/v1/meta',
  '/v1/download/statuses.csv',
  '/healthz',
  '/readyz',
];

/** A day between 2001 and 2026, different on (almost) every call: answers no cache holds yet. */
export function randomDate(): string {
  const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 9400) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

export interface LoadResult {
  requests: number;
  errors: number;
  non2xx: number;
  p99: number;
  rps: number;
}

/** The next request's path and headers, from the count of requests built so far. */
type NextRequest = (n: number) => { path: string; headers: Record<string, string> };

/** Drives `baseUrl` for `seconds` with `connections`, each request built by `next`. */
async function drive(baseUrl: string, seconds: number, connections: number, next: NextRequest): Promise<LoadResult> {
  let n = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, method: 'GET', ...next(++n) }) }],
  });
  return {
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p99: result.latency.p99,
    rps: result.requests.average,
  };
}

export function runMix(baseUrl: string, seconds: number, connections: number): Promise<LoadResult> {
  return drive(baseUrl, seconds, connections, (n) => {
    const headers: Record<string, string> = {};
    let path = fixed[n % fixed.length] as string;
    if (n % 7 === 0) path = `/v1/snapshots/${randomDate()}`;
    if (n % 11 === 0) path = `/v1/countries?asOf=${randomDate()}&format=csv`;
    if (n % 5 === 0) headers['accept-encoding'] = n % 10 === 0 ? 'br' : 'gzip';
    if (n % 13 === 0) headers['accept-language'] = 'ru';
    return { path, headers };
  });
}

// The endpoints that take a date, with a page size: a URL that no cache holds yet on (almost) every
// request (the snapshot of a date is asked of fewer than 10,000 dates; the others take a page size
// as well: millions of combinations).
const dated = [
  (date: string) => `/v1/snapshots/${date}`,
  (date: string, limit: number) => `/v1/countries?asOf=${date}&limit=${limit}`,
  (date: string, limit: number) => `/v1/statuses?from=${date}&limit=${limit}`,
  (date: string, limit: number) => `/v1/changes?from=${date}&limit=${limit}`,
];

/** Every request a new URL: what a crawler, a date slider or a CDN's misses send. */
export function runUnique(baseUrl: string, seconds: number, connections: number): Promise<LoadResult> {
  return drive(baseUrl, seconds, connections, (n) => {
    const url = dated[n % dated.length] as (date: string, limit: number) => string;
    const headers: Record<string, string> = n % 2 === 0 ? { 'accept-encoding': 'gzip, br' } : {};
    return { path: url(randomDate(), 1 + Math.floor(Math.random() * 500)), headers };
  });
}
