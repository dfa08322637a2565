// The dataset's closed vocabularies and file names: the one definition that the seed builder's
// validators (seed/schema.ts), the database schema (dataset/schema.ts), the API's schemas
// (src/schemas/) and the Explorer (web/src/model.ts) all build on.

export const statusValues = ['member', 'observer', 'dialogue_partner', 'partner'] as const;
export const confidenceValues = ['confirmed', 'single_source', 'unconfirmed'] as const;
export const precisionValues = ['day', 'month', 'year'] as const;
export type Precision = (typeof precisionValues)[number];
export const seriesValues = ['sco', 'shanghai_five'] as const;
export const modeValues = ['in_person', 'virtual', 'hybrid'] as const;
export const summitStatusValues = ['held', 'planned'] as const;
export const eventTypeValues = [
  'founding',
  'status_decision',
  'accession_signed',
  'chair_handover',
  'statement',
  'proposal',
  'summit',
] as const;
export const languageValues = ['en', 'fr', 'ru', 'zh'] as const;
export const applicationOutcomeValues = ['pending', 'granted', 'superseded', 'withdrawn', 'unknown'] as const;
export const milestoneKindValues = [
  'filed',
  'procedure_started',
  'obligations_signed',
  'granted',
  'rejected',
  'withdrawn',
] as const;
export type MilestoneKind = (typeof milestoneKindValues)[number];

/** The data files under seed/, in the order they are read. */
export const seedFileNames = [
  'dataset.yaml',
  'countries.yaml',
  'sources.yaml',
  'statuses.yaml',
  'summits.yaml',
  'events.yaml',
  'applications.yaml',
] as const;
export type SeedFileName = (typeof seedFileNames)[number];
