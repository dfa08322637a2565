import { describe, expect, it } from 'vitest';
import { snapshotResponse } from '../../src/schemas/responses.js';
import { onOneUtcDay } from '../clock.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();

const FOUNDERS = ['CN', 'KG', 'KZ', 'RU', 'TJ', 'UZ'];
const MEMBERS_2017 = ['CN', 'IN', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const MEMBERS_2024 = ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'];
const DIALOGUE_PARTNERS_2024 = ['AE', 'AM', 'AZ', 'BH', 'EG', 'KH', 'KW', 'LK', 'MM', 'MV', 'NP', 'QA', 'SA', 'TR'];
const PARTNERS_2025 = [
  'AE',
  'AF',
  'AM',
  'AZ',
  'BH',
  'EG',
  'KH',
  'KW',
  'LA',
  'LK',
  'MM',
  'MN',
  'MV',
  'NP',
  'QA',
  'SA',
  'TR',
];

// The composition at the end of each day, from shared/data/sco-facts.md sections 1 and 3.
const compositions: [
  string,
  { member: string[]; observer: string[]; dialogue_partner: string[]; partner: string[] },
  string | null,
][] = [
  ['2001-06-14', { member: [], observer: [], dialogue_partner: [], partner: [] }, null],
  ['2001-06-15', { member: FOUNDERS, observer: [], dialogue_partner: [], partner: [] }, null],
  ['2004-06-17', { member: FOUNDERS, observer: ['MN'], dialogue_partner: [], partner: [] }, null],
  ['2005-07-05', { member: FOUNDERS, observer: ['IN', 'IR', 'MN', 'PK'], dialogue_partner: [], partner: [] }, 'CN'],
  [
    '2010-01-01',
    { member: FOUNDERS, observer: ['IN', 'IR', 'MN', 'PK'], dialogue_partner: ['BY', 'LK'], partner: [] },
    'UZ',
  ],
  [
    '2015-07-10',
    {
      member: FOUNDERS,
      observer: ['AF', 'BY', 'IN', 'IR', 'MN', 'PK'],
      dialogue_partner: ['AM', 'AZ', 'KH', 'LK', 'NP', 'TR'],
      partner: [],
    },
    'UZ',
  ],
  [
    '2017-06-08',
    {
      member: FOUNDERS,
      observer: ['AF', 'BY', 'IN', 'IR', 'MN', 'PK'],
      dialogue_partner: ['AM', 'AZ', 'KH', 'LK', 'NP', 'TR'],
      partner: [],
    },
    'KZ',
  ],
  [
    '2017-06-09',
    {
      member: MEMBERS_2017,
      observer: ['AF', 'BY', 'IR', 'MN'],
      dialogue_partner: ['AM', 'AZ', 'KH', 'LK', 'NP', 'TR'],
      partner: [],
    },
    'CN',
  ],
  [
    '2023-07-03',
    { member: MEMBERS_2017, observer: ['AF', 'BY', 'IR', 'MN'], dialogue_partner: DIALOGUE_PARTNERS_2024, partner: [] },
    'IN',
  ],
  [
    '2023-07-04',
    {
      member: [...MEMBERS_2017, 'IR'].sort(),
      observer: ['AF', 'BY', 'MN'],
      dialogue_partner: DIALOGUE_PARTNERS_2024,
      partner: [],
    },
    'KZ',
  ],
  [
    '2024-07-04',
    { member: MEMBERS_2024, observer: ['AF', 'MN'], dialogue_partner: DIALOGUE_PARTNERS_2024, partner: [] },
    'CN',
  ],
  [
    '2025-08-31',
    { member: MEMBERS_2024, observer: ['AF', 'MN'], dialogue_partner: DIALOGUE_PARTNERS_2024, partner: [] },
    'CN',
  ],
  ['2025-09-01', { member: MEMBERS_2024, observer: [], dialogue_partner: [], partner: PARTNERS_2025 }, 'KG'],
  ['2026-02-12', { member: MEMBERS_2024, observer: [], dialogue_partner: [], partner: PARTNERS_2025 }, 'KG'],
  // Bishkek 2026 (fact sheet 7e): no status decision; the chair passes to Pakistan on the summit's last day.
  ['2026-08-31', { member: MEMBERS_2024, observer: [], dialogue_partner: [], partner: PARTNERS_2025 }, 'KG'],
  ['2026-09-01', { member: MEMBERS_2024, observer: [], dialogue_partner: [], partner: PARTNERS_2025 }, 'PK'],
  ['2026-12-01', { member: MEMBERS_2024, observer: [], dialogue_partner: [], partner: PARTNERS_2025 }, 'PK'],
];

describe('GET /v1/snapshots/{date}', () => {
  it.each(compositions)('composition and chair on %s', async (date, countries, chair) => {
    const { status, body } = await getJson(ctx.app, `/v1/snapshots/${date}`);
    expect(status).toBe(200);
    expect(body.data.countries, `countries per status on ${date}`).toEqual(countries);
    expect(body.data.counts).toEqual({
      member: countries.member.length,
      observer: countries.observer.length,
      dialogue_partner: countries.dialogue_partner.length,
      partner: countries.partner.length,
    });
    expect(body.data.chair, `chair on ${date}`).toBe(chair);
    expect(body.meta).toEqual({ datasetVersion: '1.1.0', verifiedThrough: '2026-09-04', asOf: date });
    expectShape(snapshotResponse, body);
  });

  it('answers latest with the snapshot of the UTC date', async () => {
    await onOneUtcDay(async (today) => {
      const latest = await getJson(ctx.app, '/v1/snapshots/latest');
      expect(latest.status).toBe(200);
      expect(latest.body.data.date).toBe(today);
      expect(latest.body).toEqual((await getJson(ctx.app, `/v1/snapshots/${today}`)).body);
    });
  });

  it('rejects an impossible date with a problem naming the path parameter', async () => {
    const response = await getJson(ctx.app, '/v1/snapshots/2024-02-30');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['date']);
    expect(response.body.errors[0].pointer).toBe('/params/date');
  });
});
