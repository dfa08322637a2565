import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  applicationOutcomeValues,
  confidenceValues,
  eventTypeValues,
  type MilestoneKind,
  modeValues,
  type Precision,
  precisionValues,
  seriesValues,
  statusValues,
  summitStatusValues,
} from './vocabulary.js';

// Lists (source ids, country codes) are JSON arrays: the dataset is small, read-only and
// downloaded whole, and one row per fact keeps the tables readable in any SQLite tool.

export const dataset = sqliteTable('dataset', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  version: text('version').notNull(),
  verifiedThrough: text('verified_through').notNull(),
  licenceData: text('licence_data').notNull(),
  licenceCode: text('licence_code').notNull(),
  description: text('description').notNull(),
  builtAt: text('built_at').notNull(),
  contentHash: text('content_hash').notNull(),
  wikidata: text('wikidata').notNull(),
});

export const countries = sqliteTable('countries', {
  code: text('code').primaryKey(),
  iso3: text('iso3').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameFr: text('name_fr').notNull(),
  nameRu: text('name_ru').notNull(),
  nameZh: text('name_zh').notNull(),
  wikidata: text('wikidata').notNull().unique(),
  // Names in the four languages, lower-cased and stripped of accents, for `q`.
  searchText: text('search_text').notNull(),
});

export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  publisher: text('publisher').notNull(),
  url: text('url'),
  language: text('language').notNull(),
  publishedOn: text('published_on'),
});

export const summits = sqliteTable(
  'summits',
  {
    id: text('id').primaryKey(),
    series: text('series', { enum: seriesValues }).notNull(),
    ordinal: integer('ordinal').notNull(),
    // Null only for a planned summit whose city is not announced.
    city: text('city'),
    host: text('host').notNull(),
    startDate: text('start_date'),
    endDate: text('end_date'),
    mode: text('mode', { enum: modeValues }),
    status: text('status', { enum: summitStatusValues }).notNull(),
    chairFrom: text('chair_from'),
    chairTo: text('chair_to'),
    chairPeriod: text('chair_period'),
    chairConfidence: text('chair_confidence', { enum: confidenceValues }),
    chairSources: text('chair_sources', { mode: 'json' }).$type<string[]>(),
    wikidata: text('wikidata').unique(),
    confidence: text('confidence', { enum: confidenceValues }).notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
  },
  (table) => [index('summits_end_date').on(table.endDate)],
);

export const statusPeriods = sqliteTable(
  'status_periods',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    country: text('country')
      .notNull()
      .references(() => countries.code),
    status: text('status', { enum: statusValues }).notNull(),
    from: text('from').notNull(),
    // Exclusive: the day the next period starts, or null while current.
    to: text('to'),
    // The status of the period that ended the day this one started, for Changes.
    previousStatus: text('previous_status', { enum: statusValues }),
    decidedAt: text('decided_at').references(() => summits.id),
    formalizedOn: text('formalized_on'),
    formalizedPrecision: text('formalized_precision', { enum: precisionValues }),
    confidence: text('confidence', { enum: confidenceValues }).notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
  },
  (table) => [
    index('status_periods_country').on(table.country, table.from),
    index('status_periods_from').on(table.from),
  ],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    date: text('date').notNull(),
    type: text('type', { enum: eventTypeValues }).notNull(),
    summit: text('summit').references(() => summits.id),
    countries: text('countries', { mode: 'json' }).$type<string[]>().notNull(),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    titleEn: text('title_en').notNull(),
    titleFr: text('title_fr'),
    quoteText: text('quote_text'),
    quoteLang: text('quote_lang'),
    quoteGloss: text('quote_gloss'),
    confidence: text('confidence', { enum: confidenceValues }).notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note'),
    // Title, quote and actor, lower-cased and stripped of accents, for `q`.
    searchText: text('search_text').notNull(),
  },
  (table) => [index('events_date').on(table.date)],
);

export const applications = sqliteTable(
  'applications',
  {
    id: text('id').primaryKey(),
    // Any ISO code: a country may apply without ever having had a status (no reference to countries).
    country: text('country').notNull(),
    requested: text('requested', { enum: statusValues }).notNull(),
    filedOn: text('filed_on').notNull(),
    filedPrecision: text('filed_precision', { enum: precisionValues }).notNull(),
    outcome: text('outcome', { enum: applicationOutcomeValues }).notNull(),
    resolvedOn: text('resolved_on'),
    resolvedBy: text('resolved_by').references(() => summits.id),
    grantedPeriod: text('granted_period'),
    milestones: text('milestones', { mode: 'json' })
      .$type<
        {
          date: string;
          precision: Precision;
          kind: MilestoneKind;
          summit: string | null;
          sources: string[];
        }[]
      >()
      .notNull(),
    confidence: text('confidence', { enum: confidenceValues }).notNull(),
    sources: text('sources', { mode: 'json' }).$type<string[]>().notNull(),
    note: text('note').notNull(),
  },
  (table) => [index('applications_country').on(table.country, table.filedOn)],
);

export type CountryRow = typeof countries.$inferSelect;
export type SourceRow = typeof sources.$inferSelect;
export type SummitRow = typeof summits.$inferSelect;
export type StatusPeriodRow = typeof statusPeriods.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type ApplicationRow = typeof applications.$inferSelect;
export type DatasetRow = typeof dataset.$inferSelect;
