import { describe, expect, it } from 'vitest';
import { summitList, summitResponse } from '../../src/schemas/responses.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();
const ids = (body: { data: { id: string }[] }) => body.data.map((s) => s.id);

describe('GET /v1/summits', () => {
  it('serves 32 summits: 5 of the Shanghai Five, 26 SCO summits held 2001-2026 and the 2027 summit in Pakistan planned', async () => {
    const { body } = await getJson(ctx.app, '/v1/summits?limit=100');
    expect(body.meta.total).toBe(32);
    expectShape(summitList, body);
    const count = (pred: (s: { series: string; status: string }) => boolean) => body.data.filter(pred).length;
    expect(count((s) => s.series === 'shanghai_five')).toBe(5);
    expect(count((s) => s.series === 'sco' && s.status === 'held')).toBe(26);
    // Sorted by startDate, nulls last: the planned summit without dates comes last.
    expect(body.data.at(-1)).toEqual({
      id: '2027-pakistan',
      series: 'sco',
      ordinal: 27,
      city: null,
      host: 'PK',
      startDate: null,
      endDate: null,
      mode: null,
      status: 'planned',
      wikidata: null,
      decisions: [],
      chairHandover: null,
      confidence: 'confirmed',
      sources: ['china-embassy-ba-2026-09-01-xi-bishkek', 'ani-2026-09-01-sco-13-outcomes'],
      note: expect.stringContaining('City and dates are not announced'),
    });
  });

  it('gives one SCO summit a year from 2001 to 2027', async () => {
    for (let year = 2001; year <= 2027; year++) {
      const { body } = await getJson(ctx.app, `/v1/summits?year=${year}&series=sco`);
      expect(body.meta.total, `summits in ${year}`).toBe(1);
    }
  });

  it.each([
    ['virtual', ['2020-moscow', '2023-new-delhi']],
    ['hybrid', ['2021-dushanbe']],
  ])('filters mode=%s', async (mode, expected) => {
    const { body } = await getJson(ctx.app, `/v1/summits?mode=${mode}`);
    expect(ids(body)).toEqual(expected);
  });

  it('filters by host (alpha-3 accepted) and series', async () => {
    const { body } = await getJson(ctx.app, '/v1/summits?host=kaz');
    expect(ids(body)).toEqual(['1998-almaty', '2005-astana', '2011-astana', '2017-astana', '2024-astana']);
    const s5 = await getJson(ctx.app, '/v1/summits?series=shanghai_five&sort=-startDate&fields=id,city');
    expect(s5.body.data).toEqual([
      { id: '2000-dushanbe', city: 'Dushanbe' },
      { id: '1999-bishkek', city: 'Bishkek' },
      { id: '1998-almaty', city: 'Almaty' },
      { id: '1997-moscow', city: 'Moscow' },
      { id: '1996-shanghai', city: 'Shanghai' },
    ]);
  });

  it('keeps the summits overlapping a date range', async () => {
    const { body } = await getJson(ctx.app, '/v1/summits?from=2024-07-04&to=2025-08-31');
    expect(ids(body)).toEqual(['2024-astana', '2025-tianjin']);
  });
});

describe('GET /v1/summits/{id}', () => {
  it('serves Astana 2024 with Belarus, the chair passing to China, the quotes and the French article', async () => {
    const { status, body } = await getJson(ctx.app, '/v1/summits/2024-astana');
    expect(status).toBe(200);
    expectShape(summitResponse, body);
    const summit = body.data;
    expect(summit).toMatchObject({
      id: '2024-astana',
      series: 'sco',
      ordinal: 24,
      city: 'Astana',
      host: 'KZ',
      startDate: '2024-07-03',
      endDate: '2024-07-04',
      mode: 'in_person',
      status: 'held',
      confidence: 'confirmed',
    });
    expect(summit.decisions).toEqual([
      { date: '2024-07-04', country: 'BY', previousStatus: 'observer', status: 'member', decidedAt: '2024-astana' },
    ]);
    expect(summit.chairHandover).toMatchObject({ from: 'KZ', to: 'CN', period: '2024-2025', confidence: 'confirmed' });
    expect(summit.chairHandover.sources).toContain('article-fr-astana-2024');
    const quotes = summit.events
      .filter((e: { quote: unknown }) => e.quote)
      .map((e: { quote: { text: string } }) => e.quote.text);
    expect(quotes).toEqual([
      'L’Organisation de coopération de Shanghai se situe du bon côté de l’histoire, du côté de la justice et de l’impartialité, et est extrêmement importante pour le monde',
      'Nous devons résister aux ingérences extérieures, main dans la main, et nous apporter mutuellement un soutien solide',
    ]);
    const article = summit.citations.find((s: { id: string }) => s.id === 'article-fr-astana-2024');
    expect(article).toMatchObject({ url: null, language: 'fr', publishedOn: '2024-07-04' });
  });

  it('serves Tianjin 2025: 17 partners decided and the chair passing to Kyrgyzstan', async () => {
    const { body } = await getJson(ctx.app, '/v1/summits/2025-tianjin');
    expect(body.data.decisions).toHaveLength(17);
    expect(body.data.decisions.every((d: { status: string }) => d.status === 'partner')).toBe(true);
    expect(body.data.chairHandover).toMatchObject({ from: 'CN', to: 'KG', period: '2025-2026' });
  });

  it('serves Bishkek 2026 as held: dates, mode, no decision, the chair passing to Pakistan, sources that resolve', async () => {
    const { body } = await getJson(ctx.app, '/v1/summits/2026-bishkek');
    expectShape(summitResponse, body);
    expect(body.data).toMatchObject({
      id: '2026-bishkek',
      ordinal: 26,
      city: 'Bishkek',
      host: 'KG',
      startDate: '2026-08-31',
      endDate: '2026-09-01',
      mode: 'in_person',
      status: 'held',
      decisions: [],
      chairHandover: { from: 'KG', to: 'PK', period: '2026-2027', confidence: 'confirmed' },
      confidence: 'confirmed',
    });
    expect(body.data.note).toContain('Bishkek Declaration');
    const cited = new Set(body.data.citations.map((s: { id: string }) => s.id));
    for (const id of [...body.data.sources, ...body.data.chairHandover.sources]) {
      expect(cited.has(id), `source ${id} is among the citations`).toBe(true);
      expect((await getJson(ctx.app, `/v1/sources/${id}`)).status, `/v1/sources/${id}`).toBe(200);
    }
    // Print pages have no URL but a title and a date.
    const print = body.data.citations.find((s: { id: string }) => s.id === 'peopledaily-2026-09-02-p1');
    expect(print).toMatchObject({ url: null, publishedOn: '2026-09-02', language: 'zh' });
    expect(body.data.events.map((e: { id: string }) => e.id)).toEqual([
      'summit-2026-bishkek',
      '2026-09-01-xi-congratulates-pakistan-chair',
      'chair-2026-bishkek',
      '2026-09-04-wang-yi-27-countries',
    ]);
  });

  it('answers 404 for an unknown summit and 400 for a malformed id', async () => {
    expectProblem(await getJson(ctx.app, '/v1/summits/2024-paris'), 404, 'not-found');
    const malformed = await getJson(ctx.app, '/v1/summits/astana');
    expect(expectProblem(malformed, 400, 'invalid-parameter')).toEqual(['id']);
  });
});
