import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { createScoClient, type ScoClient } from '../../src/client/index.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// Every operation through the client generated from openapi.json, against the real server on a port.
let app: App;
let client: ScoClient;
beforeAll(async () => {
  app = await buildTestApp();
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  client = createScoClient(address);
});
afterAll(async () => {
  await app.close();
});
expectResponsesMatchDocument();

describe('the generated TypeScript client', () => {
  it('getIndex, getHealth, getReadiness, getMeta', async () => {
    const index = await client.GET('/');
    expect(index.data?.data.links.countries).toBe('/v1/countries');
    expect((await client.GET('/healthz')).data).toEqual({ status: 'ok' });
    expect((await client.GET('/readyz')).data).toEqual({ status: 'ready', datasetVersion: '1.1.0' });
    const meta = await client.GET('/v1/meta');
    expect(meta.data?.data.counts.countries).toBe(27);
  });

  it('listCountries, getCountry, listCountryStatuses', async () => {
    const members = await client.GET('/v1/countries', {
      params: { query: { status: ['member'], asOf: '2024-07-04', lang: 'fr' } },
    });
    expect(members.data?.data.map((c) => c.name)).toContain('Biélorussie');
    expect(members.data?.meta.total).toBe(10);
    const belarus = await client.GET('/v1/countries/{code}', { params: { path: { code: 'blr' } } });
    expect(belarus.data?.data.statuses.map((p) => p.status)).toEqual(['dialogue_partner', 'observer', 'member']);
    const statuses = await client.GET('/v1/countries/{code}/statuses', { params: { path: { code: 'IN' } } });
    expect(statuses.data?.data.at(-1)?.from).toBe('2017-06-09');
  });

  it('listStatuses, listChanges, getSnapshot', async () => {
    const periods = await client.GET('/v1/statuses', { params: { query: { decidedAt: '2025-tianjin' } } });
    expect(periods.data?.meta.total).toBe(17);
    const changes = await client.GET('/v1/changes', { params: { query: { from: '2023-07-04', to: '2023-07-04' } } });
    expect(changes.data?.data).toEqual([
      { date: '2023-07-04', country: 'IR', previousStatus: 'observer', status: 'member', decidedAt: '2023-new-delhi' },
    ]);
    const snapshot = await client.GET('/v1/snapshots/{date}', { params: { path: { date: '2025-09-01' } } });
    expect(snapshot.data?.data.counts).toEqual({ member: 10, observer: 0, dialogue_partner: 0, partner: 17 });
    expect(snapshot.data?.data.chair).toBe('KG');
  });

  it('listSummits, getSummit, listEvents', async () => {
    const virtual = await client.GET('/v1/summits', { params: { query: { mode: ['virtual'] } } });
    expect(virtual.data?.data.map((s) => s.id)).toEqual(['2020-moscow', '2023-new-delhi']);
    const astana = await client.GET('/v1/summits/{id}', { params: { path: { id: '2024-astana' } } });
    expect(astana.data?.data.chairHandover?.to).toBe('CN');
    const quotes = await client.GET('/v1/events', { params: { query: { q: 'bon côté', type: ['statement'] } } });
    expect(quotes.data?.data[0]?.quote?.lang).toBe('fr');
  });

  it('listApplications, getApplication', async () => {
    const pending = await client.GET('/v1/applications', { params: { query: { outcome: ['pending'] } } });
    expect(pending.data?.data.map((a) => a.id)).toEqual(['am-member-2025']);
    const iran = await client.GET('/v1/applications/{id}', { params: { path: { id: 'ir-member-2008' } } });
    expect(iran.data?.data.milestones.map((m) => m.kind)).toEqual([
      'filed',
      'procedure_started',
      'obligations_signed',
      'granted',
    ]);
  });

  it('listSources, getSource, downloadDataset', async () => {
    const french = await client.GET('/v1/sources', { params: { query: { language: 'fr', limit: 500 } } });
    expect(french.data?.data.some((s) => s.id === 'article-fr-astana-2024')).toBe(true);
    const article = await client.GET('/v1/sources/{id}', { params: { path: { id: 'article-fr-astana-2024' } } });
    expect(article.data?.data.url).toBeNull();
    const dump = await client.GET('/v1/download/{file}', { params: { path: { file: 'sco.json' } } });
    expect(dump.data?.statusPeriods).toHaveLength(48);
  });

  it('returns a typed Problem for a country that never had an SCO status', async () => {
    const { data, error, response } = await client.GET('/v1/countries/{code}', { params: { path: { code: 'TM' } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(error?.type).toBe('/problems/not-found');
    expect(error?.detail).toBe('Turkmenistan (TM) is a valid ISO 3166-1 code, but has never had an SCO status');
  });

  it('returns a typed Problem naming a bad parameter', async () => {
    const { error } = await client.GET('/v1/countries', { params: { query: { asOf: '2024-02-30' } } });
    expect(error?.errors?.map((e) => e.name)).toEqual(['asOf']);
  });
});
