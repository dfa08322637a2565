import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import { useApp } from '../helpers.js';

// Property-based fuzzing of every operation of openapi.json, with hostile values for every
// parameter and path segment. A fixed seed in CI; FUZZ_SEED and FUZZ_RUNS to explore locally
// (e.g. FUZZ_RUNS=20000 npx vitest run tests/fuzz).

// The shipped mode, the rate limit on, with a limit thousands of requests cannot reach.
const ctx = useApp({ RATE_LIMIT_MAX: '1000000' });
const seed = Number(process.env.FUZZ_SEED ?? 20261127);
const runsPerOperation = Number(process.env.FUZZ_RUNS ?? 4000) / 16;

interface Parameter {
  name: string;
  in: string;
  schema?: { enum?: string[]; example?: unknown };
  example?: unknown;
}
const document = JSON.parse(readFileSync(join(projectRoot, 'openapi.json'), 'utf8'));
const operations = Object.entries<Record<string, { operationId: string; parameters?: Parameter[] }>>(
  document.paths,
).map(([path, item]) => {
  const operation = item.get as { operationId: string; parameters?: Parameter[] };
  const parameters = (operation.parameters ?? []).filter((p): p is Parameter => 'name' in p);
  return {
    id: operation.operationId,
    path,
    pathParams: parameters.filter((p) => p.in === 'path'),
    queryParams: parameters.filter((p) => p.in === 'query'),
  };
});

const hostile = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE countries; --",
    '%00',
    '\u0000',
    '../../etc/passwd',
    '..%2F..%2Fpackage.json',
    '2024-02-30',
    '2023-02-29',
    '0000-00-00',
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    '<script>alert(1)</script>',
    '%',
    '%ZZ',
    '%E0%A4%A',
    '💥',
    'Ｂｙ',
    'İ',
    '\u202Eevil',
    '\uD800',
    'a'.repeat(5000),
    '',
    ' ',
    ',',
    ',,,',
    '-',
    'true',
    'null',
    '[]',
    '{}',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer().map(String),
  fc.double().map(String),
);

/** Percent-encodes anything, lone surrogates and all (encodeURIComponent throws on those). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

function validValue(parameter: Parameter) {
  const options = [parameter.schema?.enum, parameter.example ?? parameter.schema?.example]
    .flat()
    .filter((v) => v !== undefined);
  return options.length > 0 ? fc.constantFrom(...options.map(String)) : hostile;
}

const STACK_OR_PATH = /\/work\/|node_modules|\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|SqliteError|ZodError/;

describe.each(operations)('$id ($path)', ({ path, pathParams, queryParams }) => {
  it('never fails with a 5xx, names the offending parameter, and leaks nothing', async () => {
    const query = fc.array(
      fc.oneof(
        ...(queryParams.length > 0
          ? [
              fc
                .constantFrom(...queryParams)
                .chain((p) => fc.tuple(fc.constant(p.name), fc.oneof(validValue(p), hostile))),
              fc.constantFrom(...queryParams).chain((p) => fc.tuple(fc.constant(p.name), validValue(p))),
            ]
          : []),
        fc.tuple(
          fc.constantFrom('foo', 'page', 'per_page', 'LIMIT', '__proto__', 'constructor', 'q[]', 'a.b'),
          hostile,
        ),
      ),
      { maxLength: 5 },
    );
    const segments = fc.tuple(...pathParams.map((p) => fc.oneof(validValue(p), hostile)));

    await fc.assert(
      fc.asyncProperty(segments, query, async (values, pairs) => {
        let url = path;
        pathParams.forEach((p, i) => {
          url = url.replace(`{${p.name}}`, encode(values[i] ?? ''));
        });
        const search = pairs.map(([name, value]) => `${encode(name)}=${encode(value)}`).join('&');
        const response = await ctx.app.inject({ method: 'GET', url: search ? `${url}?${search}` : url });
        const sent = new Set([...pairs.map(([name]) => name), ...pathParams.map((p) => p.name)]);

        expect(response.statusCode, `${url}?${search}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
        expect(response.body).not.toMatch(STACK_OR_PATH);
        if (response.statusCode >= 400) {
          expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
          const problem = response.json();
          expect(Object.keys(problem).slice(0, 6)).toEqual([
            'type',
            'title',
            'status',
            'detail',
            'instance',
            'requestId',
          ]);
          expect(problem.status).toBe(response.statusCode);
          if (response.statusCode === 400 && problem.errors) {
            // Each error names a parameter this request sent, and points where it was sent.
            const inQuery = new Set(pairs.map(([name]) => name));
            const inPath = new Set(pathParams.map((p) => p.name));
            for (const error of problem.errors) {
              expect(sent.has(error.name), `${error.name} was not sent: ${url}?${search}`).toBe(true);
              const expectedPointers = [
                ...(inQuery.has(error.name) ? [`/querystring/${error.name}`] : []),
                ...(inPath.has(error.name) ? [`/params/${error.name}`] : []),
              ];
              expect(expectedPointers, `${error.name} at ${error.pointer}: ${url}?${search}`).toContain(error.pointer);
            }
          }
        }
      }),
      { seed, numRuns: runsPerOperation, endOnFailure: true },
    );
  });
});

const PROBLEM_KEYS = ['type', 'title', 'status', 'detail', 'instance', 'requestId'];

describe('errors before routing (Fastify framework errors)', () => {
  // Raw, not encoded: paths a router cannot decode, and path parameters over its length limit.
  const badEscape = fc.constantFrom('%', '%Z', '%ZZ', '%G0', '%E0%A4%A', '%%', 'BY%', '%C3%2');
  const overLong = fc.integer({ min: 201, max: 1800 }).map((n) => 'a'.repeat(n));
  const routes = ['/v1/countries/', '/v1/summits/', '/v1/snapshots/', '/v1/sources/', '/v1/download/'];

  it('answers a bad percent-encoding or an over-long path parameter with a problem and a request id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(
          fc
            .tuple(fc.string({ maxLength: 8 }).map(encode), badEscape)
            .map(([a, b]) => ({ segment: a + b, status: 400 })),
          overLong.map((segment) => ({ segment, status: 414 })),
        ),
        fc.constantFrom('GET', 'HEAD'),
        async (route, { segment, status }, method) => {
          const url = `${route}${segment}`;
          const response = await ctx.app.inject({ method: method as 'GET' | 'HEAD', url });
          const what = `${method} ${url.slice(0, 80)}`;
          expect(response.statusCode, what).toBe(status);
          expect(response.headers['content-type'], what).toBe('application/problem+json; charset=utf-8');
          expect(response.headers['x-request-id'], what).toMatch(/^[0-9a-f-]{36}$/);
          if (method === 'HEAD') return;
          const problem = response.json();
          expect(Object.keys(problem), what).toEqual(PROBLEM_KEYS);
          expect(problem.requestId, what).toBe(response.headers['x-request-id']);
          expect(problem.type, what).toBe(status === 400 ? '/problems/invalid-parameter' : '/problems/uri-too-long');
          // The detail never echoes the input.
          expect(problem.detail, what).not.toContain(segment);
        },
      ),
      { seed, numRuns: 300, endOnFailure: true },
    );
  });

  it('says what was wrong, in the exact words, with the id the client sent', async () => {
    const bad = await ctx.app.inject({ url: '/v1/countries/%E0%A4%A', headers: { 'x-request-id': 'bad-url-1' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      type: '/problems/invalid-parameter',
      title: 'Invalid parameter',
      status: 400,
      detail: 'the request path is not valid percent-encoding (RFC 3986)',
      instance: '/v1/countries/%E0%A4%A',
      requestId: 'bad-url-1',
    });
    const long = await ctx.app.inject({ url: `/v1/summits/2024-${'x'.repeat(200)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({
      type: '/problems/uri-too-long',
      status: 414,
      detail: 'a path segment is longer than the 200 characters the server accepts',
    });
    // At the limit, the route runs and answers its own 400 (the summit id is at most 64 characters).
    expect((await ctx.app.inject({ url: `/v1/summits/${'x'.repeat(200)}` })).statusCode).toBe(400);
  });
});

describe('after the fuzzing', () => {
  it('is still healthy and answers as before', async () => {
    expect((await ctx.app.inject('/healthz')).statusCode).toBe(200);
    const members = await ctx.app.inject('/v1/countries?status=member&asOf=2024-07-04');
    expect(members.json().meta.total).toBe(10);
  });
});
