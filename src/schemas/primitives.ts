import { z } from 'zod';
import { isoDate as datasetIsoDate } from '../../dataset/dates.js';
import {
  applicationOutcomeValues,
  confidenceValues,
  eventTypeValues,
  type languageValues,
  milestoneKindValues,
  precisionValues,
  statusValues,
} from '../../dataset/vocabulary.js';

export type Language = (typeof languageValues)[number];

export const isoDate = datasetIsoDate.meta({ format: 'date', example: '2024-07-04' });

export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .meta({ description: 'ISO 3166-1 alpha-2 code', example: 'BY' });

export const statusEnum = z.enum(statusValues).meta({
  id: 'StatusKind',
  example: 'member',
  description:
    'An SCO status. `partner` exists since 2025-09-01, when the Tianjin summit merged observers and dialogue partners into it.',
});
export const confidenceEnum = z.enum(confidenceValues).meta({
  id: 'Confidence',
  example: 'confirmed',
  description:
    '`confirmed`: two or more independent sources; `single_source`: one; `unconfirmed`: inferred, contradicted or weakly supported.',
});
export const precisionEnum = z.enum(precisionValues);
export const applicationOutcomeEnum = z.enum(applicationOutcomeValues).meta({
  id: 'ApplicationOutcome',
  example: 'pending',
  description:
    '`pending`: no decision yet; `granted`: the requested status was granted (`grantedPeriod`); `superseded`: overtaken by another application, or answered with another status than the one requested; `withdrawn`; `unknown`: no decision is documented and the application is no longer current.',
});
export const milestoneKindEnum = z
  .enum(milestoneKindValues)
  .meta({ id: 'MilestoneKind', example: 'procedure_started' });
export const eventTypeEnum = z.enum(eventTypeValues).meta({ id: 'EventType', example: 'status_decision' });

export const wikidataId = z
  .string()
  .regex(/^Q[1-9][0-9]*$/)
  .meta({ description: 'A Wikidata item id (QID)', example: 'Q148' });

export const sourceIds = z
  .array(z.string())
  .meta({ description: 'Ids of the sources (see /v1/sources)', example: ['astanatimes-2024-belarus-10th-member'] });

export const localizedNames = z.object({ en: z.string(), fr: z.string(), ru: z.string(), zh: z.string() }).meta({
  id: 'LocalizedNames',
  description: 'The name in English, French, Russian and simplified Chinese',
  example: { en: 'Belarus', fr: 'Biélorussie', ru: 'Беларусь', zh: '白俄罗斯' },
});
