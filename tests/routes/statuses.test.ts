import { describe, expect, it } from 'vitest';
import { changeList, statusPeriodList } from '../../src/schemas/responses.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();

type Period = { country: string; status: string; from: string; to: string | null };

describe('GET /v1/statuses', () => {
  it('serves all 48 periods, each chain contiguous and ending open', async () => {
    const { body } = await getJson(ctx.app, '/v1/statuses?limit=500');
    expect(body.meta.total).toBe(48);
    expectShape(statusPeriodList, body);
    const byCountry = new Map<string, Period[]>();
    for (const p of body.data as Period[]) byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p]);
    expect(byCountry.size).toBe(27);
    for (const [country, periods] of byCountry) {
      periods.forEach((p, i) => {
        const next = periods[i + 1];
        expect(p.to, `${country} period ${i} should end when the next starts`).toBe(next ? next.from : null);
      });
    }
  });

  it.each([
    ['CN', [['member', '2001-06-15', null]]],
    ['UZ', [['member', '2001-06-15', null]]],
    [
      'MN',
      [
        ['observer', '2004-06-17', '2025-09-01'],
        ['partner', '2025-09-01', null],
      ],
    ],
    [
      'IR',
      [
        ['observer', '2005-07-05', '2023-07-04'],
        ['member', '2023-07-04', null],
      ],
    ],
    [
      'PK',
      [
        ['observer', '2005-07-05', '2017-06-09'],
        ['member', '2017-06-09', null],
      ],
    ],
    [
      'AF',
      [
        ['observer', '2012-06-07', '2025-09-01'],
        ['partner', '2025-09-01', null],
      ],
    ],
    [
      'TR',
      [
        ['dialogue_partner', '2012-06-07', '2025-09-01'],
        ['partner', '2025-09-01', null],
      ],
    ],
    [
      'SA',
      [
        ['dialogue_partner', '2021-09-17', '2025-09-01'],
        ['partner', '2025-09-01', null],
      ],
    ],
    [
      'BH',
      [
        ['dialogue_partner', '2022-09-16', '2025-09-01'],
        ['partner', '2025-09-01', null],
      ],
    ],
  ])("%s's period chain", async (country, expected) => {
    const { body } = await getJson(ctx.app, `/v1/statuses?country=${country}`);
    expect(body.data.map((p: Period) => [p.status, p.from, p.to])).toEqual(expected);
  });

  it('keeps memorandum dates in formalizedOn without moving from', async () => {
    const { body } = await getJson(ctx.app, '/v1/statuses?status=dialogue_partner&decidedAt=2015-ufa');
    expect(
      body.data.map((p: Period & { formalizedOn: string; formalizedPrecision: string }) => [
        p.country,
        p.from,
        p.formalizedOn,
        p.formalizedPrecision,
      ]),
    ).toEqual([
      ['AM', '2015-07-10', '2016-04-16', 'day'],
      ['AZ', '2015-07-10', '2016-03-14', 'day'],
      ['KH', '2015-07-10', '2015-09-24', 'day'],
      ['NP', '2015-07-10', '2016-03-22', 'day'],
    ]);
  });

  it('keeps the periods overlapping an inclusive range', async () => {
    const { body } = await getJson(ctx.app, '/v1/statuses?from=2024-07-04&to=2024-07-04&country=BY');
    expect(body.data.map((p: Period) => p.status)).toEqual(['member']);
    const before = await getJson(ctx.app, '/v1/statuses?from=2024-07-03&to=2024-07-04&country=blr');
    expect(before.body.data.map((p: Period) => p.status)).toEqual(['observer', 'member']);
  });

  it('rejects an unknown status and a range that ends before it starts', async () => {
    const unknownStatus = await getJson(ctx.app, '/v1/statuses?status=member,applicant');
    expect(expectProblem(unknownStatus, 400, 'invalid-parameter')).toEqual(['status']);
    expect(unknownStatus.body.errors[0].detail).toBe(
      'unknown status applicant; expected a comma list of member, observer, dialogue_partner, partner',
    );
    const reversed = await getJson(ctx.app, '/v1/statuses?from=2020-01-01&to=2019-01-01');
    expect(expectProblem(reversed, 400, 'invalid-parameter')).toEqual(['to']);
  });

  it('rejects a country filter that is not an ISO code', async () => {
    const response = await getJson(ctx.app, '/v1/statuses?country=ZZ');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['country']);
  });
});

describe('GET /v1/changes', () => {
  it('answers what changed in 2017: India and Pakistan from observer to member', async () => {
    const { body } = await getJson(ctx.app, '/v1/changes?from=2017-01-01&to=2017-12-31');
    expect(body.data).toEqual([
      { date: '2017-06-09', country: 'IN', previousStatus: 'observer', status: 'member', decidedAt: '2017-astana' },
      { date: '2017-06-09', country: 'PK', previousStatus: 'observer', status: 'member', decidedAt: '2017-astana' },
    ]);
    expectShape(changeList, body);
  });

  it('includes a change dated `to`, and the 17 partners of 2025-09-01 (Laos with no previous status)', async () => {
    const { body } = await getJson(ctx.app, '/v1/changes?from=2025-09-01&to=2025-09-01');
    expect(body.meta.total).toBe(17);
    const laos = body.data.find((c: { country: string }) => c.country === 'LA');
    expect(laos).toEqual({
      date: '2025-09-01',
      country: 'LA',
      previousStatus: null,
      status: 'partner',
      decidedAt: '2025-tianjin',
    });
    const previous = body.data.map((c: { previousStatus: string | null }) => c.previousStatus);
    expect(previous.filter((s: string | null) => s === 'observer')).toHaveLength(2);
    expect(previous.filter((s: string | null) => s === 'dialogue_partner')).toHaveLength(14);
  });

  it('counts every change since the founding, newest first on request', async () => {
    const { body } = await getJson(ctx.app, '/v1/changes?sort=-date,country&limit=2');
    expect(body.meta.total).toBe(48);
    expect(body.data.map((c: { country: string }) => c.country)).toEqual(['AE', 'AF']);
    expect(body.data[0].date).toBe('2025-09-01');
  });

  it('filters changes by country and new status', async () => {
    const { body } = await getJson(ctx.app, '/v1/changes?country=BY&status=observer,member');
    expect(body.data.map((c: { date: string; previousStatus: string }) => [c.date, c.previousStatus])).toEqual([
      ['2015-07-10', 'dialogue_partner'],
      ['2024-07-04', 'observer'],
    ]);
  });
});
