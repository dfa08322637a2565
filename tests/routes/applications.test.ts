import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { applicationList, applicationResponse, countryResponse } from '../../src/schemas/responses.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();
const ids = (body: { data: { id: string }[] }) => body.data.map((a) => a.id);

// Every documented application of the fact sheet (sections 1d, 7c, 8c), by filing date then id.
const ALL = [
  'ir-member-2008',
  'pk-member-2010',
  'tr-dialogue-partner-2011',
  'af-observer-2011',
  'az-observer-2012',
  'qa-dialogue-partner-2014',
  'in-member-2014',
  'pk-member-2014',
  'by-member-2022',
  'am-observer-2024',
  'az-observer-2024',
  'bd-observer-2024',
  'kh-observer-2024',
  'lk-observer-2024',
  'am-member-2025',
];

describe('GET /v1/applications', () => {
  it('lists the 15 documented applications, oldest filing first', async () => {
    const { status, body } = await getJson(ctx.app, '/v1/applications?limit=100');
    expect(status).toBe(200);
    expectShape(applicationList, body);
    expect(body.meta).toMatchObject({ total: 15, datasetVersion: '1.1.0', verifiedThrough: '2026-09-04' });
    // filedOn ties sort by id: 2011-03-23 (TR) before 2011-05 (AF); 2014 (QA, year) before 2014-09 (IN, PK).
    expect(ids(body)).toEqual(ALL);
  });

  it("outcome=pending is Armenia's membership application of July 2025, sourced", async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?outcome=pending');
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({
      id: 'am-member-2025',
      country: 'AM',
      requested: 'member',
      filedOn: '2025-07-01',
      filedPrecision: 'month',
      outcome: 'pending',
      resolvedOn: null,
      resolvedBy: null,
      grantedPeriod: null,
      confidence: 'confirmed',
    });
    expect(body.data[0].sources).toEqual(expect.arrayContaining(['mediamax-58223', 'vestikavkaza-176246']));
    for (const id of body.data[0].sources) {
      expect((await getJson(ctx.app, `/v1/sources/${id}`)).status, `/v1/sources/${id}`).toBe(200);
    }
  });

  it("country=IR shows Iran's 2008 application granted by its 2023 membership, with its milestones", async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?country=irn');
    expect(ids(body)).toEqual(['ir-member-2008']);
    const [iran] = body.data;
    expect(iran).toMatchObject({
      filedOn: '2008-04-01',
      filedPrecision: 'month',
      outcome: 'granted',
      resolvedOn: '2023-07-04',
      resolvedBy: '2023-new-delhi',
      grantedPeriod: '2023-07-04',
    });
    expect(
      iran.milestones.map((m: { date: string; kind: string; summit: string | null }) => [m.date, m.kind, m.summit]),
    ).toEqual([
      ['2008-04-01', 'filed', null],
      ['2021-09-17', 'procedure_started', '2021-dushanbe'],
      ['2022-09-01', 'obligations_signed', '2022-samarkand'],
      ['2023-07-04', 'granted', '2023-new-delhi'],
    ]);
    // grantedPeriod is the `from` of a member period of Iran.
    const periods = await getJson(ctx.app, '/v1/countries/IR/statuses');
    expect(periods.body.data.find((p: { from: string }) => p.from === '2023-07-04')?.status).toBe('member');
  });

  it('filters requested and outcome as comma lists', async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?requested=dialogue_partner,member&outcome=granted');
    expect(ids(body)).toEqual([
      'ir-member-2008',
      'tr-dialogue-partner-2011',
      'qa-dialogue-partner-2014',
      'in-member-2014',
      'pk-member-2014',
      'by-member-2022',
    ]);
    const superseded = await getJson(ctx.app, '/v1/applications?outcome=superseded&requested=observer');
    expect(ids(superseded.body)).toEqual([
      'az-observer-2012',
      'am-observer-2024',
      'az-observer-2024',
      'kh-observer-2024',
      'lk-observer-2024',
    ]);
  });

  it.each([
    // Filed by the day and not resolved by it; a resolution without a day (pk-member-2010) never counts.
    ['2011-12-31', ['ir-member-2008', 'tr-dialogue-partner-2011', 'af-observer-2011']],
    ['2012-06-06', ['ir-member-2008', 'tr-dialogue-partner-2011', 'af-observer-2011', 'az-observer-2012']],
    ['2012-06-07', ['ir-member-2008', 'az-observer-2012']],
    ['2017-06-08', ['ir-member-2008', 'qa-dialogue-partner-2014', 'in-member-2014', 'pk-member-2014']],
    ['2017-06-09', ['ir-member-2008', 'qa-dialogue-partner-2014']],
    ['2023-07-04', ['by-member-2022']],
    ['2025-08-31', ['am-observer-2024', 'az-observer-2024', 'kh-observer-2024', 'lk-observer-2024', 'am-member-2025']],
    ['2026-09-01', ['am-member-2025']],
  ])('pendingOn=%s', async (date, expected) => {
    const { body } = await getJson(ctx.app, `/v1/applications?pendingOn=${date}&limit=100`);
    expect(ids(body), `pending on ${date}`).toEqual(expected);
    expect(body.meta.asOf).toBe(date);
  });

  it('from/to keep the applications filed in the range (inclusive)', async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?from=2014-01-01&to=2014-09-01');
    expect(ids(body)).toEqual(['qa-dialogue-partner-2014', 'in-member-2014', 'pk-member-2014']);
  });

  it('serves an application of a country that never had a status (Bangladesh)', async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?country=BD');
    expect(body.data.map((a: { id: string; outcome: string }) => [a.id, a.outcome])).toEqual([
      ['bd-observer-2024', 'unknown'],
    ]);
    expect(body.data[0].confidence).toBe('single_source');
    expectProblem(await getJson(ctx.app, '/v1/countries/BD'), 404, 'not-found');
  });

  it('keeps the 2024 observer reports at single_source', async () => {
    const { body } = await getJson(ctx.app, '/v1/applications?from=2024-01-01&to=2024-12-31');
    expect(body.data.map((a: { confidence: string }) => a.confidence)).toEqual(Array(5).fill('single_source'));
  });

  it('sorts, projects and paginates like every list', async () => {
    const { body, headers } = await getJson(
      ctx.app,
      '/v1/applications?outcome=granted&sort=-resolvedOn,id&fields=id,resolvedOn&limit=3',
    );
    expect(body.data).toEqual([
      { id: 'by-member-2022', resolvedOn: '2024-07-04' },
      { id: 'ir-member-2008', resolvedOn: '2023-07-04' },
      { id: 'qa-dialogue-partner-2014', resolvedOn: '2021-09-17' },
    ]);
    expect(body.meta.total).toBe(7);
    expect(body.links.next).toBe(
      '/v1/applications?fields=id%2CresolvedOn&limit=3&outcome=granted&sort=-resolvedOn%2Cid&offset=3',
    );
    expect(headers.link).toContain('rel="next"');
  });

  it('answers CSV with one row per application, milestones as JSON', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/v1/applications?format=csv&country=AZ' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.outcome, r.grantedPeriod])).toEqual([
      ['az-observer-2012', 'superseded', '2015-07-10'],
      ['az-observer-2024', 'superseded', ''],
    ]);
    expect(JSON.parse(rows[0]?.milestones ?? '[]')[0]).toMatchObject({ kind: 'filed', precision: 'year' });
  });

  it.each([
    ['outcome=accepted', 'outcome'],
    ['requested=guest', 'requested'],
    ['pendingOn=2025-02-30', 'pendingOn'],
    ['country=XX', 'country'],
    ['from=2020-01-01&to=2019-01-01', 'to'],
    ['sort=name', 'sort'],
    ['asOf=2024-01-01', 'asOf'],
  ])('rejects %s naming %s', async (query, name) => {
    const response = await getJson(ctx.app, `/v1/applications?${query}`);
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual([name]);
  });
});

describe('GET /v1/applications/{id}', () => {
  it('serves one application, in any letter case', async () => {
    const { body } = await getJson(ctx.app, '/v1/applications/AZ-observer-2012');
    expectShape(applicationResponse, body);
    expect(body.data).toMatchObject({
      id: 'az-observer-2012',
      requested: 'observer',
      outcome: 'superseded',
      resolvedBy: '2015-ufa',
      grantedPeriod: '2015-07-10',
    });
    expect(body.data.note).toContain('dialogue partner status, not the observer status asked for');
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await getJson(ctx.app, '/v1/applications/am-member-2026');
    expectProblem(missing, 404, 'not-found');
    expect(missing.body.detail).toContain('am-member-2026');
    const malformed = await getJson(ctx.app, '/v1/applications/armenia');
    expect(expectProblem(malformed, 400, 'invalid-parameter')).toEqual(['id']);
  });
});

describe('applications elsewhere', () => {
  it('a country lists its applications, oldest first, and links to them', async () => {
    const { body } = await getJson(ctx.app, '/v1/countries/AM');
    expectShape(countryResponse, body);
    expect(ids({ data: body.data.applications })).toEqual(['am-observer-2024', 'am-member-2025']);
    expect(body.data.links.applications).toBe('/v1/applications?country=AM');
    const pakistan = await getJson(ctx.app, '/v1/countries/PK');
    expect(ids({ data: pakistan.body.data.applications })).toEqual(['pk-member-2010', 'pk-member-2014']);
  });

  it('/v1/meta counts them and links the resource and its CSV', async () => {
    const { body } = await getJson(ctx.app, '/v1/meta');
    expect(body.data.counts.applications).toBe(15);
    expect(body.data.links).toMatchObject({
      applications: '/v1/applications',
      applicationsCsv: '/v1/download/applications.csv',
    });
  });

  it('downloads applications.csv, and sco.json carries the table', async () => {
    const csv = await ctx.app.inject({ method: 'GET', url: '/v1/download/applications.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="applications.csv"');
    expect((parse(csv.body, { columns: true }) as { id: string }[]).map((r) => r.id).sort()).toEqual([...ALL].sort());
    const json = await getJson(ctx.app, '/v1/download/sco.json');
    expect(json.body.applications.map((a: { id: string }) => a.id)).toEqual(ALL);
  });
});
