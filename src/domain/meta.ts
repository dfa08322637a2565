import { count } from 'drizzle-orm';
import { applications, countries, dataset, events, sources, statusPeriods, summits } from '../../dataset/schema.js';
import type { Db } from '../db/connection.js';
import type { DatasetMeta } from '../schemas/resources.js';

export interface DatasetInfo {
  version: string;
  verifiedThrough: string;
  contentHash: string;
}

export function createMetaRepository(db: Db) {
  const row = db.select().from(dataset).get();
  if (!row) throw new Error('the database has no dataset row: rebuild it with npm run seed');
  const total = (
    table:
      | typeof countries
      | typeof sources
      | typeof summits
      | typeof events
      | typeof statusPeriods
      | typeof applications,
  ) => db.select({ n: count() }).from(table).get()?.n ?? 0;
  const counts = {
    countries: total(countries),
    statusPeriods: total(statusPeriods),
    summits: total(summits),
    events: total(events),
    sources: total(sources),
    applications: total(applications),
  };

  return {
    info: { version: row.version, verifiedThrough: row.verifiedThrough, contentHash: row.contentHash } as DatasetInfo,

    meta(): DatasetMeta {
      return {
        datasetVersion: row.version,
        verifiedThrough: row.verifiedThrough,
        builtAt: row.builtAt,
        title: row.title,
        description: row.description,
        wikidata: row.wikidata,
        licence: { data: row.licenceData, code: row.licenceCode },
        counts,
        links: {
          openapi: '/openapi.json',
          docs: '/docs',
          countries: '/v1/countries',
          summits: '/v1/summits',
          events: '/v1/events',
          sources: '/v1/sources',
          applications: '/v1/applications',
          json: '/v1/download/sco.json',
          sqlite: '/v1/download/sco.sqlite',
          countriesCsv: '/v1/download/countries.csv',
          statusesCsv: '/v1/download/statuses.csv',
          summitsCsv: '/v1/download/summits.csv',
          eventsCsv: '/v1/download/events.csv',
          sourcesCsv: '/v1/download/sources.csv',
          applicationsCsv: '/v1/download/applications.csv',
          changesFeed: '/v1/feeds/changes.atom',
          eventsFeed: '/v1/feeds/events.atom',
          summitsCalendar: '/v1/feeds/summits.ics',
          mcp: '/mcp',
        },
      };
    },
  };
}

export type MetaRepository = ReturnType<typeof createMetaRepository>;
