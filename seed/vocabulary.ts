// The dataset's closed vocabularies and file names, without the validators of seed/schema.ts:
// the server needs these at start-up, and building the Zod schemas of every seed record does not
// belong on that path.

export const statusValues = ['member', 'observer', 'dialogue_partner', 'partner'] as const;
export const confidenceValues = ['confirmed', 'single_source', 'unconfirmed'] as const;
export const precisionValues = ['day', 'month', 'year'] as const;
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
