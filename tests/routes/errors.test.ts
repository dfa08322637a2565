import { describe, expect, it } from 'vitest';
import { problemSchema } from '../../src/schemas/problem.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();

describe('problems (RFC 9457)', () => {
  it.each([
    ['/v1/countries?asOf=2024-13-01', 'asOf', 'expected an RFC 3339 full date (YYYY-MM-DD) that exists'],
    ['/v1/countries?asOf=yesterday', 'asOf', 'expected an RFC 3339 full date (YYYY-MM-DD) that exists'],
    [
      '/v1/countries?status=guest',
      'status',
      'unknown status guest; expected a comma list of member, observer, dialogue_partner, partner',
    ],
    ['/v1/countries?limit=0', 'limit', 'expected an integer from 1 to 500'],
    ['/v1/countries?limit=501', 'limit', 'expected an integer from 1 to 500'],
    ['/v1/countries?limit=ten', 'limit', 'expected an integer from 1 to 500'],
    ['/v1/countries?offset=-1', 'offset', 'expected a non-negative integer'],
    [
      '/v1/countries?sort=population',
      'sort',
      'unknown sort key population; expected a comma list of code, iso3, name, status, statusSince, each optionally prefixed with -',
    ],
    [
      '/v1/countries?fields=code,capital',
      'fields',
      'unknown field capital; expected a comma list of code, iso3, name, names, status, statusSince',
    ],
    ['/v1/countries?lang=de', 'lang', 'expected one of en, fr, ru, zh'],
    ['/v1/countries?includeFormer=yes', 'includeFormer', 'expected true or false'],
    ['/v1/summits?year=twenty', 'year', 'expected a year such as 2024'],
    ['/v1/countries?limit=5&limit=6', 'limit', 'given more than once; give it once (lists are comma-separated)'],
    // Thrown by the domain (InvalidParameterError), mapped to a problem by the errors plugin.
    ['/v1/statuses?country=XX', 'country', 'XX is not an ISO 3166-1 alpha-2 or alpha-3 code'],
    ['/v1/changes?from=2020-01-01&to=2019-12-31', 'to', 'must not be before from (2020-01-01)'],
  ])('%s names %s', async (url, name, detail) => {
    const response = await getJson(ctx.app, url);
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual([name]);
    expect(response.body.errors[0]).toEqual({ name, pointer: `/querystring/${name}`, detail });
    expect(response.body.detail).toBe(`${name}: ${detail}`);
    expect(response.body.instance).toBe(url.split('?')[0]);
    expectShape(problemSchema, response.body);
  });

  it('names every unknown parameter and lists the accepted ones', async () => {
    const response = await getJson(ctx.app, '/v1/summits?cityName=Astana&page=2');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['cityName', 'page']);
    expect(response.body.errors[0].detail).toBe(
      'unknown parameter; this resource accepts year, from, to, host, series, mode, limit, offset, sort, fields, lang, format',
    );
  });

  it('rejects parameters on resources that take none', async () => {
    const response = await getJson(ctx.app, '/v1/meta?verbose=true');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['verbose']);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await getJson(ctx.app, '/v1/members');
    expectProblem(response, 404, 'not-found');
    expect(response.body.detail).toBe('no resource at /v1/members; see / for the index');
  });

  it('answers another method on a known path with 405 and Allow', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/v1/countries/BY' });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(response.json().type).toBe('/problems/method-not-allowed');
  });

  it('honours a plain X-Request-Id and replaces an unsafe one', async () => {
    const honoured = await getJson(ctx.app, '/v1/countries?asOf=bad', { 'x-request-id': 'trace-123' });
    expect(honoured.headers['x-request-id']).toBe('trace-123');
    expect(honoured.body.requestId).toBe('trace-123');
    const replaced = await getJson(ctx.app, '/v1/meta', { 'x-request-id': 'bad id with spaces\u0000' });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('documents each problem type at its URI', async () => {
    const { status, body } = await getJson(ctx.app, '/problems/invalid-parameter');
    expect(status).toBe(200);
    expect(body).toMatchObject({ type: '/problems/invalid-parameter', status: 400, title: 'Invalid parameter' });
  });
});

describe('index and health', () => {
  it('serves an index of links at /', async () => {
    const { status, body } = await getJson(ctx.app, '/');
    expect(status).toBe(200);
    expect(body.data.links).toMatchObject({ countries: '/v1/countries', openapi: '/openapi.json', docs: '/docs' });
  });

  it('answers /healthz and /readyz with the dataset version', async () => {
    expect((await getJson(ctx.app, '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await getJson(ctx.app, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', datasetVersion: '1.1.0' });
  });
});
