import { z } from 'zod';
import { isoDate } from '../dataset/dates.js';
import {
  applicationOutcomeValues,
  confidenceValues,
  languageValues,
  milestoneKindValues,
  modeValues,
  precisionValues,
  type SeedFileName,
  seriesValues,
  statusValues,
  summitStatusValues,
} from '../dataset/vocabulary.js';

// The curated data files' schema: what a record must look like before it may enter the database.
// Cross-record rules (references, overlaps, source counts) live in validate.ts.

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lowercase slug (a-z, 0-9, single hyphens)');
const alpha2 = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in upper case');
const sourceIds = z.array(slug).min(1, 'every fact needs at least one source');
// A Wikidata item id; https://www.wikidata.org/wiki/<QID> is the item, and the source of the identification.
const wikidataId = z.string().regex(/^Q[1-9][0-9]*$/, 'expected a Wikidata item id such as Q148');

export const confidence = z.enum(confidenceValues);
export const status = z.enum(statusValues);

export const datasetFile = z.strictObject({
  title: z.string().min(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version such as 1.0.0'),
  verifiedThrough: isoDate,
  licence: z.strictObject({ data: z.string().min(1), code: z.string().min(1) }),
  description: z.string().min(1),
  // The organisation's Wikidata item.
  wikidata: wikidataId,
});

export const countryRecord = z.strictObject({
  code: alpha2,
  iso3: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code in upper case'),
  wikidata: wikidataId,
  // Overrides of the i18n-iso-countries names, each explained by a comment in the data file.
  names: z.partialRecord(z.enum(languageValues), z.string().min(1)).optional(),
});

export const sourceRecord = z.strictObject({
  id: slug,
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).nullable(),
  language: z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 language code'),
  publishedOn: isoDate.nullable(),
});

export const statusPeriodRecord = z.strictObject({
  country: alpha2,
  status,
  from: isoDate,
  // Only for a status that ends without a successor (none so far); otherwise derived from the next period.
  to: isoDate.optional(),
  decidedAt: slug.nullable(),
  formalizedOn: isoDate.nullable().default(null),
  formalizedPrecision: z.enum(precisionValues).nullable().default(null),
  confidence,
  sources: sourceIds,
  note: z.string().optional(),
});

export const chairHandoverRecord = z.strictObject({
  from: alpha2,
  to: alpha2,
  period: z.string().regex(/^\d{4}-\d{4}$/, 'expected a period such as 2024-2025'),
  confidence,
  sources: sourceIds,
  note: z.string().optional(),
});

export const summitRecord = z.strictObject({
  id: z.string().regex(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/, 'expected {year}-{city-slug}'),
  series: z.enum(seriesValues),
  ordinal: z.number().int().positive(),
  // Null only for a planned summit whose city is not announced; its id is then {year}-{host-country-slug}.
  city: z.string().min(1).nullable(),
  host: alpha2,
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  mode: z.enum(modeValues).nullable(),
  status: z.enum(summitStatusValues),
  chairHandover: chairHandoverRecord.nullable(),
  // Planned summits only, not served: the last day it is expected to have been held by (default: 31
  // December of its year). The seed fails when this is before verifiedThrough: the record is stale.
  expectedBy: isoDate.optional(),
  // Only where the summit's own Wikidata item was verified; none is guessed.
  wikidata: wikidataId.optional(),
  confidence,
  sources: sourceIds,
  note: z.string().optional(),
});

export const eventRecord = z.strictObject({
  id: slug,
  date: isoDate,
  // status_decision, chair_handover and summit events are derived from statuses and summits.
  type: z.enum(['founding', 'accession_signed', 'statement', 'proposal']),
  summit: slug.nullable(),
  countries: z.array(alpha2),
  actor: z.strictObject({ name: z.string().min(1), role: z.string().min(1) }).nullable(),
  title: z.strictObject({ en: z.string().min(1), fr: z.string().min(1).optional() }),
  quote: z
    .strictObject({
      text: z.string().min(1),
      lang: z.string().regex(/^[a-z]{2}$/),
      gloss: z.string().min(1),
    })
    .nullable(),
  confidence,
  sources: sourceIds,
  note: z.string().optional(),
});

const precision = z.enum(precisionValues);

export const milestoneRecord = z.strictObject({
  date: isoDate,
  precision,
  kind: z.enum(milestoneKindValues),
  summit: slug.nullable(),
  sources: sourceIds,
});

export const applicationRecord = z.strictObject({
  id: slug,
  country: alpha2,
  requested: status,
  filedOn: isoDate,
  filedPrecision: precision,
  outcome: z.enum(applicationOutcomeValues),
  resolvedOn: isoDate.nullable(),
  resolvedBy: slug.nullable(),
  grantedPeriod: isoDate.nullable(),
  milestones: z.array(milestoneRecord).min(1, 'an application has at least its filing as a milestone'),
  confidence,
  sources: sourceIds,
  note: z.string().min(1),
});

export const seedFiles = {
  'dataset.yaml': datasetFile,
  'countries.yaml': z.array(countryRecord),
  'sources.yaml': z.array(sourceRecord),
  'statuses.yaml': z.array(statusPeriodRecord),
  'summits.yaml': z.array(summitRecord),
  'events.yaml': z.array(eventRecord),
  'applications.yaml': z.array(applicationRecord),
} as const satisfies Record<SeedFileName, z.ZodType>;
export type DatasetFile = z.infer<typeof datasetFile>;
export type CountryRecord = z.infer<typeof countryRecord>;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type StatusPeriodRecord = z.infer<typeof statusPeriodRecord>;
export type SummitRecord = z.infer<typeof summitRecord>;
export type ChairHandoverRecord = z.infer<typeof chairHandoverRecord>;
export type EventRecord = z.infer<typeof eventRecord>;
export type ApplicationRecord = z.infer<typeof applicationRecord>;
