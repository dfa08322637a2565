import { describe, expect, it } from 'vitest';
import { expectProblem, getJson, useApp } from '../helpers.js';

// Branches the resource tests do not reach: LIKE wildcards in q, unknown problem types, nulls in a sort.
const ctx = useApp();
const codes = (body: { data: { code: string }[] }) => body.data.map((c) => c.code);

describe('q matches its characters literally: % and _ are not wildcards', () => {
  it.each([
    ['/v1/countries?q=%25', 'countries'],
    ['/v1/countries?q=_', 'countries'],
    ['/v1/countries?q=%25stan', 'countries'],
    ['/v1/countries?q=k_z', 'countries'],
    ['/v1/events?q=%25', 'events'],
    ['/v1/events?q=_', 'events'],
  ])('%s finds nothing (no %s name or text contains it)', async (url) => {
    const { status, body } = await getJson(ctx.app, url);
    expect(status).toBe(200);
    expect(body.meta.total).toBe(0);
  });

  it('while the same letters without the wildcard find the countries', async () => {
    expect(codes((await getJson(ctx.app, '/v1/countries?q=stan')).body)).toEqual(['AF', 'KG', 'KZ', 'PK', 'TJ', 'UZ']);
  });
});

describe('GET /problems/{type}', () => {
  it('answers an unknown problem type with a not-found problem', async () => {
    const response = await getJson(ctx.app, '/problems/no-such-problem');
    expectProblem(response, 404, 'not-found');
    expect(response.body.detail).toBe('no problem type no-such-problem');
    expect(response.body.instance).toBe('/problems/no-such-problem');
  });
});

describe('sort with nulls: items without the value come last in either direction', () => {
  // On 2003-01-01 the six founders are members since 2001-06-15; the 21 other countries have no status.
  const url = '/v1/countries?asOf=2003-01-01&includeFormer=true&fields=code,statusSince&limit=500';
  const founders = ['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ'].map((code) => ({ code, statusSince: '2001-06-15' }));

  it.each(['-statusSince,code', 'statusSince,code'])(
    'sort=%s puts the six dated rows first, the 21 nulls last',
    async (sort) => {
      const { body } = await getJson(ctx.app, `${url}&sort=${sort}`);
      expect(body.data).toHaveLength(27);
      expect(body.data.slice(0, 6)).toEqual(founders);
      expect(body.data.slice(6).every((c: { statusSince: string | null }) => c.statusSince === null)).toBe(true);
    },
  );

  it('says so in the OpenAPI description of sort', async () => {
    const { body } = await getJson(ctx.app, '/openapi.json');
    const sort = body.paths['/v1/countries'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    expect(sort.description).toContain('Items without a value for a key (null) come last in either direction.');
  });
});
