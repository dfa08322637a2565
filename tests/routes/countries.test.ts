import { describe, expect, it } from 'vitest';
import { countryList, countryResponse, statusPeriodList } from '../../src/schemas/responses.js';
import { onOneUtcDay } from '../clock.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();

const codes = (body: { data: { code: string }[] }) => body.data.map((c) => c.code);

describe('GET /v1/countries', () => {
  it('lists the countries with a status on the UTC day by default: the answer of ?asOf=<UTC today>', async () => {
    await onOneUtcDay(async (today) => {
      const { status, body, headers } = await getJson(ctx.app, '/v1/countries?limit=500');
      expect(status).toBe(200);
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(body.meta.asOf).toBe(today);
      const explicit = (await getJson(ctx.app, `/v1/countries?asOf=${today}&limit=500`)).body;
      // The links repeat the query as sent, so only they differ.
      expect({ data: body.data, meta: body.meta }).toEqual({ data: explicit.data, meta: explicit.meta });
      expect(body.data.every((c: { status: string | null }) => c.status !== null)).toBe(true);
      expectShape(countryList, body);
    });
  });

  it('filters by status on a date, with statusSince', async () => {
    const { body } = await getJson(ctx.app, '/v1/countries?status=member&asOf=2024-07-04');
    expect(codes(body)).toEqual(['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
    expect(body.data.find((c: { code: string }) => c.code === 'BY').statusSince).toBe('2024-07-04');
    expect(body.data.find((c: { code: string }) => c.code === 'IN').statusSince).toBe('2017-06-09');
  });

  it('accepts a comma list of statuses', async () => {
    const { body } = await getJson(ctx.app, '/v1/countries?status=observer,dialogue_partner&asOf=2010-01-01');
    expect(codes(body)).toEqual(['BY', 'IN', 'IR', 'LK', 'MN', 'PK']);
  });

  it('leaves out countries without a status on asOf unless includeFormer=true', async () => {
    const without = await getJson(ctx.app, '/v1/countries?asOf=2003-01-01');
    expect(codes(without.body)).toEqual(['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ']);
    const withFormer = await getJson(ctx.app, '/v1/countries?asOf=2003-01-01&includeFormer=true&limit=500');
    expect(withFormer.body.meta.total).toBe(27);
    expect(withFormer.body.data.find((c: { code: string }) => c.code === 'LA')).toMatchObject({
      status: null,
      statusSince: null,
    });
  });

  it.each([
    ['bielo', ['BY']],
    ['Kirghiz', ['KG']],
    ['Беларусь', ['BY']],
    ['白俄罗斯', ['BY']],
    ['ÉMIRATS', ['AE']],
    ['turkey', ['TR']],
    ['stan', ['AF', 'KG', 'KZ', 'PK', 'TJ', 'UZ']],
  ])('q=%s finds %j in any of the four languages, ignoring case and accents', async (q, expected) => {
    const { body } = await getJson(ctx.app, `/v1/countries?q=${encodeURIComponent(q)}`);
    expect(codes(body)).toEqual(expected);
  });

  it('chooses the name by lang, then by Accept-Language', async () => {
    const fr = await getJson(ctx.app, '/v1/countries?lang=fr&status=member&limit=1');
    expect(fr.body.data[0]).toMatchObject({ code: 'BY', name: 'Biélorussie' });
    const ru = await getJson(ctx.app, '/v1/countries?status=member&sort=code&limit=1', {
      'accept-language': 'ru, en;q=0.5',
    });
    expect(ru.body.data[0]).toMatchObject({ code: 'BY', name: 'Беларусь' });
    const zh = await getJson(ctx.app, '/v1/countries?status=member&limit=1&lang=zh', { 'accept-language': 'ru' });
    expect(zh.body.data[0].name).toBe('白俄罗斯');
  });

  it('sorts by several keys, descending with -, and keeps only the requested fields', async () => {
    const { body } = await getJson(
      ctx.app,
      '/v1/countries?asOf=2024-07-04&sort=-statusSince,code&fields=code,statusSince&limit=3',
    );
    expect(body.data).toEqual([
      { code: 'BY', statusSince: '2024-07-04' },
      { code: 'IR', statusSince: '2023-07-04' },
      { code: 'AE', statusSince: '2022-09-16' },
    ]);
  });

  it('paginates with links in the body and in the Link header', async () => {
    const { body, headers } = await getJson(ctx.app, '/v1/countries?limit=10&offset=10');
    expect(body.meta).toMatchObject({ total: 27, limit: 10, offset: 10 });
    expect(body.links).toEqual({
      self: '/v1/countries?limit=10&offset=10',
      first: '/v1/countries?limit=10',
      last: '/v1/countries?limit=10&offset=20',
      next: '/v1/countries?limit=10&offset=20',
      prev: '/v1/countries?limit=10',
    });
    expect(headers.link).toBe(
      '</v1/countries?limit=10&offset=10>; rel="self", </v1/countries?limit=10>; rel="first", </v1/countries?limit=10&offset=20>; rel="last", </v1/countries?limit=10&offset=20>; rel="next", </v1/countries?limit=10>; rel="prev"',
    );
  });

  it('rejects includeFormer together with status', async () => {
    const response = await getJson(ctx.app, '/v1/countries?status=member&includeFormer=true');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['includeFormer']);
  });
});

describe('GET /v1/countries/{code}', () => {
  it.each(['BY', 'by', 'BLR', 'blr', 'Blr'])('resolves %s to Belarus', async (code) => {
    const { status, body } = await getJson(ctx.app, `/v1/countries/${code}?asOf=2024-07-04`);
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ code: 'BY', iso3: 'BLR', status: 'member', statusSince: '2024-07-04' });
    expect(body.data.links).toEqual({
      self: '/v1/countries/BY',
      statuses: '/v1/countries/BY/statuses',
      applications: '/v1/applications?country=BY',
    });
    expect(body.data.applications.map((a: { id: string }) => a.id)).toEqual(['by-member-2022']);
    expectShape(countryResponse, body);
  });

  it("serves Belarus's full history: dialogue partner, observer, member", async () => {
    const { body } = await getJson(ctx.app, '/v1/countries/BY');
    expect(
      body.data.statuses.map((p: { status: string; from: string; to: string | null; decidedAt: string }) => [
        p.status,
        p.from,
        p.to,
        p.decidedAt,
      ]),
    ).toEqual([
      ['dialogue_partner', '2009-06-16', '2015-07-10', '2009-yekaterinburg'],
      ['observer', '2015-07-10', '2024-07-04', '2015-ufa'],
      ['member', '2024-07-04', null, '2024-astana'],
    ]);
    expect(body.data.statuses[0]).toMatchObject({ formalizedOn: '2010-04-01', formalizedPrecision: 'month' });
    expect(body.data.names).toEqual({ en: 'Belarus', fr: 'Biélorussie', ru: 'Беларусь', zh: '白俄罗斯' });
  });

  it('gives the status on asOf, before which Belarus was an observer', async () => {
    const { body } = await getJson(ctx.app, '/v1/countries/BY?asOf=2024-07-03');
    expect(body.data).toMatchObject({ status: 'observer', statusSince: '2015-07-10' });
  });

  it('uses the commented name overrides', async () => {
    const sa = await getJson(ctx.app, '/v1/countries/SA?lang=fr');
    expect(sa.body.data.name).toBe('Arabie saoudite');
    const ae = await getJson(ctx.app, '/v1/countries/ARE');
    expect(ae.body.data.names).toEqual({
      en: 'United Arab Emirates',
      fr: 'Émirats arabes unis',
      ru: 'Объединённые Арабские Эмираты',
      zh: '阿联酋',
    });
  });

  it('answers 404 for a valid ISO code that never had an SCO status, and says so', async () => {
    const response = await getJson(ctx.app, '/v1/countries/TM');
    expectProblem(response, 404, 'not-found');
    expect(response.body.detail).toBe('Turkmenistan (TM) is a valid ISO 3166-1 code, but has never had an SCO status');
  });

  it('answers 404 for a code that is not ISO 3166-1, and 400 for a malformed one', async () => {
    const unknown = await getJson(ctx.app, '/v1/countries/XX');
    expectProblem(unknown, 404, 'not-found');
    expect(unknown.body.detail).toBe('XX is not an ISO 3166-1 alpha-2 or alpha-3 country code');
    const malformed = await getJson(ctx.app, '/v1/countries/B1');
    expect(expectProblem(malformed, 400, 'invalid-parameter')).toEqual(['code']);
  });
});

describe('GET /v1/countries/{code}/statuses', () => {
  it("lists India's periods oldest first", async () => {
    const { body } = await getJson(ctx.app, '/v1/countries/ind/statuses');
    expect(body.data.map((p: { status: string; from: string; to: string | null }) => [p.status, p.from, p.to])).toEqual(
      [
        ['observer', '2005-07-05', '2017-06-09'],
        ['member', '2017-06-09', null],
      ],
    );
    expectShape(statusPeriodList, body);
  });

  it('keeps Laos as one partner period decided at Tianjin', async () => {
    const { body } = await getJson(ctx.app, '/v1/countries/LA/statuses');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ status: 'partner', from: '2025-09-01', to: null, decidedAt: '2025-tianjin' });
  });
});
