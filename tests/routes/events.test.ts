import { describe, expect, it } from 'vitest';
import { eventList, metaResponse, sourceList, sourceResponse } from '../../src/schemas/responses.js';
import { expectProblem, expectShape, getJson, useApp } from '../helpers.js';

const ctx = useApp();
const ids = (body: { data: { id: string }[] }) => body.data.map((e) => e.id);

describe('GET /v1/events', () => {
  it('serves the facts of the French article around the Astana summit', async () => {
    const { body } = await getJson(ctx.app, '/v1/events?from=2024-06-14&to=2024-07-04&limit=100');
    expectShape(eventList, body);
    expect(ids(body)).toEqual([
      '2024-06-14-putin-eurasian-security-system',
      '2024-07-03-peskov-eurasian-security-belarus',
      'summit-2024-astana',
      '2024-07-04-belarus-accession-signed',
      '2024-07-04-xi-bon-cote-de-l-histoire',
      '2024-07-04-xi-main-dans-la-main',
      '2024-07-04-xi-sco-family-26-countries',
      'chair-2024-astana',
      'status-2024-07-04-member-from-observer',
    ]);
    const putin = body.data[0];
    expect(putin).toMatchObject({
      type: 'proposal',
      actor: { name: 'Vladimir Putin', role: 'President of the Russian Federation' },
    });
    expect(putin.quote.lang).toBe('fr');
    const chair = body.data.find((e: { id: string }) => e.id === 'chair-2024-astana');
    expect(chair).toMatchObject({
      type: 'chair_handover',
      countries: ['KZ', 'CN'],
      title: { en: 'The SCO chairmanship passes from Kazakhstan to China for 2024-2025' },
    });
  });

  it('finds quotes by accent-insensitive text: q=ingerences exterieures', async () => {
    const { body } = await getJson(ctx.app, '/v1/events?q=ingerences%20exterieures');
    expect(ids(body)).toEqual(['2024-07-04-xi-main-dans-la-main']);
    expect(body.data[0].quote.gloss).toBe(
      'We must resist external interference hand in hand, and give each other solid mutual support.',
    );
  });

  it('filters by type and country', async () => {
    const { body } = await getJson(ctx.app, '/v1/events?type=status_decision&country=BY');
    expect(body.data.map((e: { date: string }) => e.date)).toEqual(['2009-06-16', '2015-07-10', '2024-07-04']);
    const statements = await getJson(ctx.app, '/v1/events?type=statement,proposal&summit=2024-astana');
    expect(statements.body.data.map((e: { actor: { name: string } }) => e.actor.name)).toEqual([
      'Dmitry Peskov',
      'Xi Jinping',
      'Xi Jinping',
      'Xi Jinping',
    ]);
  });

  it('derives one summit event per held summit', async () => {
    const { body } = await getJson(ctx.app, '/v1/events?type=summit&limit=100');
    expect(body.meta.total).toBe(31);
    expect(body.data[0]).toMatchObject({ id: 'summit-1996-shanghai', date: '1996-04-26' });
  });

  it('rejects an unknown event type', async () => {
    const response = await getJson(ctx.app, '/v1/events?type=summit,party');
    expect(expectProblem(response, 400, 'invalid-parameter')).toEqual(['type']);
  });
});

describe('GET /v1/sources and /v1/meta', () => {
  it('serves every source; those without a URL are the French seed article and newspaper print pages', async () => {
    const { body } = await getJson(ctx.app, '/v1/sources?limit=500');
    expectShape(sourceList, body);
    expect(body.meta.total).toBe(239);
    expect(body.data.filter((s: { url: string | null }) => s.url === null).map((s: { id: string }) => s.id)).toEqual([
      'article-fr-astana-2024',
      'peopledaily-2026-08-27-p1',
      'peopledaily-2026-09-02-p1',
      'peopledaily-2026-09-04-wang-yi',
      'wikinews-ru-2005-07-05-sco-chair',
    ]);
  });

  it('serves one source, 404 for an unknown id', async () => {
    const { body } = await getJson(ctx.app, '/v1/sources/article-fr-astana-2024');
    expectShape(sourceResponse, body);
    expect(body.data.language).toBe('fr');
    expectProblem(await getJson(ctx.app, '/v1/sources/no-such-source'), 404, 'not-found');
  });

  it('describes the dataset with its version, verifiedThrough and counts', async () => {
    const { body } = await getJson(ctx.app, '/v1/meta');
    expectShape(metaResponse, body);
    expect(body.data).toMatchObject({
      datasetVersion: '1.1.0',
      verifiedThrough: '2026-09-04',
      licence: { data: 'CC-BY-4.0', code: 'MIT' },
      counts: { countries: 27, statusPeriods: 48, summits: 32, events: 100, sources: 239, applications: 15 },
    });
  });
});
