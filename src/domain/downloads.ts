import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import {
  applicationSchema,
  countryRecordSchema,
  type datasetDocumentSchema,
  eventSchema,
  sourceSchema,
  statusPeriodSchema,
  summitSchema,
} from '../schemas/resources.js';
import type { ApplicationRepository } from './applications.js';
import type { CountryRepository } from './countries.js';
import type { EventRepository } from './events.js';
import type { MetaRepository } from './meta.js';
import type { SourceRepository } from './sources.js';
import type { StatusRepository } from './statuses.js';
import type { SummitRepository } from './summits.js';

export const downloadFiles = [
  'sco.json',
  'sco.sqlite',
  'countries.csv',
  'statuses.csv',
  'summits.csv',
  'events.csv',
  'sources.csv',
  'applications.csv',
] as const;
export type DownloadFile = (typeof downloadFiles)[number];

export type Download =
  | { kind: 'json'; document: z.infer<typeof datasetDocumentSchema> }
  | { kind: 'sqlite'; bytes: Buffer }
  | { kind: 'csv'; rows: object[]; schema: z.ZodType };

export function isDownloadFile(name: string): name is DownloadFile {
  return (downloadFiles as readonly string[]).includes(name);
}

/** The dataset as files: one JSON document, the SQLite database itself, or one table as CSV. */
interface DatasetRepositories {
  meta: MetaRepository;
  countries: CountryRepository;
  statuses: StatusRepository;
  summits: SummitRepository;
  events: EventRepository;
  sources: SourceRepository;
  applications: ApplicationRepository;
}

export function createDownloads(repos: DatasetRepositories, databasePath: string) {
  let sqliteBytes: Buffer | null = null;
  const tables = {
    countries: () => repos.countries.records(),
    statusPeriods: () => repos.statuses.periods({}),
    summits: () => repos.summits.list({}),
    events: () => repos.events.list({}),
    sources: () => repos.sources.list({}),
    applications: () => repos.applications.list({}),
  };

  return {
    get(file: DownloadFile): Download {
      switch (file) {
        case 'sco.json':
          return {
            kind: 'json',
            document: {
              dataset: repos.meta.meta(),
              countries: tables.countries(),
              statusPeriods: tables.statusPeriods(),
              summits: tables.summits(),
              events: tables.events(),
              sources: tables.sources(),
              applications: tables.applications(),
            },
          };
        case 'sco.sqlite':
          // Read once: the file is immutable while the process runs.
          sqliteBytes ??= readFileSync(databasePath);
          return { kind: 'sqlite', bytes: sqliteBytes };
        case 'countries.csv':
          return { kind: 'csv', rows: tables.countries(), schema: countryRecordSchema };
        case 'statuses.csv':
          return { kind: 'csv', rows: tables.statusPeriods(), schema: statusPeriodSchema };
        case 'summits.csv':
          return { kind: 'csv', rows: tables.summits(), schema: summitSchema };
        case 'events.csv':
          return { kind: 'csv', rows: tables.events(), schema: eventSchema };
        case 'sources.csv':
          return { kind: 'csv', rows: tables.sources(), schema: sourceSchema };
        case 'applications.csv':
          return { kind: 'csv', rows: tables.applications(), schema: applicationSchema };
      }
    },
  };
}
