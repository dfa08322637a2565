import { z } from 'zod';
import {
  applicationOutcomeEnum,
  confidenceEnum,
  countryCode,
  eventTypeEnum,
  isoDate,
  localizedNames,
  milestoneKindEnum,
  precisionEnum,
  sourceIds,
  statusEnum,
  wikidataId,
} from './primitives.js';

export const statusPeriodSchema = z
  .object({
    country: countryCode,
    status: statusEnum,
    from: isoDate.describe('The day of the Heads of State Council decision; the first day with this status'),
    to: isoDate
      .nullable()
      .describe(
        'Exclusive: the day the next period starts; null while current. On date D the status holds when from <= D < to',
      ),
    decidedAt: z.string().nullable().describe('Id of the summit that decided it'),
    formalizedOn: isoDate
      .nullable()
      .describe(
        'Dialogue partners: the day the memorandum was signed (the first day of the month or year when only those are known); never moves `from`',
      ),
    formalizedPrecision: precisionEnum.nullable().describe('How much of `formalizedOn` is known'),
    confidence: confidenceEnum,
    sources: sourceIds,
    note: z.string().nullable().describe('What a reader should know about this fact (variants, caveats)'),
  })
  .meta({
    id: 'StatusPeriod',
    description: 'A span of time during which a country held one SCO status',
    example: {
      country: 'BY',
      status: 'member',
      from: '2024-07-04',
      to: null,
      decidedAt: '2024-astana',
      formalizedOn: null,
      formalizedPrecision: null,
      confidence: 'confirmed',
      sources: ['shine-2407045318', 'astanatimes-2024-belarus-10th-member', 'article-fr-astana-2024'],
      note: null,
    },
  });

export const countrySchema = z
  .object({
    code: countryCode,
    iso3: z.string().meta({ description: 'ISO 3166-1 alpha-3 code', example: 'BLR' }),
    wikidata: wikidataId.describe("The country's Wikidata item (https://www.wikidata.org/wiki/{wikidata}), to join on"),
    name: z.string().describe('The name in the requested language (`lang` or Accept-Language; English by default)'),
    names: localizedNames,
    status: statusEnum.nullable().describe('The status on `asOf`, or null'),
    statusSince: isoDate.nullable().describe('The `from` of that status period'),
  })
  .meta({
    id: 'Country',
    description: 'A country that has had an SCO status, with its status on the requested date',
    example: {
      code: 'BY',
      iso3: 'BLR',
      wikidata: 'Q184',
      name: 'Belarus',
      names: { en: 'Belarus', fr: 'Biélorussie', ru: 'Беларусь', zh: '白俄罗斯' },
      status: 'member',
      statusSince: '2024-07-04',
    },
  });

export const milestoneSchema = z
  .object({
    date: isoDate.describe('The first day of the month or year when only those are known (see `precision`)'),
    precision: precisionEnum,
    kind: milestoneKindEnum,
    summit: z.string().nullable().describe('Id of the summit where it happened, or null'),
    sources: sourceIds,
  })
  .meta({
    id: 'Milestone',
    description: 'A dated step of an application',
    example: {
      date: '2015-07-10',
      precision: 'day',
      kind: 'procedure_started',
      summit: '2015-ufa',
      sources: ['kremlin-49907', 'tass-807528'],
    },
  });

export const applicationSchema = z
  .object({
    id: z.string().meta({ description: '`{country}-{requested}-{year filed}`, lower case', example: 'am-member-2025' }),
    country: countryCode,
    requested: statusEnum.describe('The status asked for'),
    filedOn: isoDate.describe('The first day of the month or year when only those are known (see `filedPrecision`)'),
    filedPrecision: precisionEnum.describe('How much of `filedOn` is known'),
    outcome: applicationOutcomeEnum,
    resolvedOn: isoDate.nullable().describe('The day it was decided or overtaken; null while pending or where unknown'),
    resolvedBy: z.string().nullable().describe('Id of the summit that decided it, or null'),
    grantedPeriod: isoDate
      .nullable()
      .describe("The `from` of the status period it led to (see the country's statuses), or null"),
    milestones: z.array(milestoneSchema).describe('The dated steps, oldest first; the first is the filing'),
    confidence: confidenceEnum.describe('Of the application itself (its filing)'),
    sources: sourceIds,
    note: z.string(),
  })
  .meta({
    id: 'Application',
    description:
      'A request for an SCO status and what became of it. An application never gives a status by itself: status periods do.',
    example: {
      id: 'am-member-2025',
      country: 'AM',
      requested: 'member',
      filedOn: '2025-07-01',
      filedPrecision: 'month',
      outcome: 'pending',
      resolvedOn: null,
      resolvedBy: null,
      grantedPeriod: null,
      milestones: [
        {
          date: '2025-07-01',
          precision: 'month',
          kind: 'filed',
          summit: null,
          sources: ['mediamax-58223', 'vestikavkaza-176246'],
        },
      ],
      confidence: 'confirmed',
      sources: ['mediamax-58223', 'vestikavkaza-176246', '24kg-336499', 'headpost-armenia-sco'],
      note: "Armenia's foreign ministry announced the application for full membership on 2025-07-03…",
    },
  });

export const countryDetailSchema = countrySchema
  .extend({
    statuses: z.array(statusPeriodSchema).describe('Every status period of the country, oldest first'),
    applications: z
      .array(z.lazy(() => applicationSchema))
      .describe('Its documented applications for a status, oldest first (see /v1/applications)'),
    links: z.object({ self: z.string(), statuses: z.string(), applications: z.string() }),
  })
  .meta({ id: 'CountryDetail', description: 'A country with its full status history' });

export const changeSchema = z
  .object({
    date: isoDate,
    country: countryCode,
    previousStatus: statusEnum.nullable().describe('The status held until the day before, or null'),
    status: statusEnum,
    decidedAt: z.string().nullable(),
  })
  .meta({
    id: 'Change',
    description: 'A status change: a status period starting',
    example: {
      date: '2024-07-04',
      country: 'BY',
      previousStatus: 'observer',
      status: 'member',
      decidedAt: '2024-astana',
    },
  });

const perStatus = <T extends z.ZodType>(value: T) =>
  z.object({ member: value, observer: value, dialogue_partner: value, partner: value });

export const snapshotSchema = z
  .object({
    date: isoDate,
    counts: perStatus(z.number().int()).describe('Countries per status, zeros included'),
    countries: perStatus(z.array(countryCode)).describe('Alpha-2 codes per status, sorted'),
    chair: countryCode.nullable().describe('The chairing country, or null where unknown or unconfirmed'),
  })
  .meta({
    id: 'Snapshot',
    description: 'The composition of the SCO at the end of a day',
    example: {
      date: '2024-07-04',
      counts: { member: 10, observer: 2, dialogue_partner: 14, partner: 0 },
      countries: {
        member: ['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ'],
        observer: ['AF', 'MN'],
        dialogue_partner: ['AE', 'AM', 'AZ', 'BH', 'EG', 'KH', 'KW', 'LK', 'MM', 'MV', 'NP', 'QA', 'SA', 'TR'],
        partner: [],
      },
      chair: 'CN',
    },
  });

export const chairHandoverSchema = z
  .object({
    from: countryCode,
    to: countryCode,
    period: z.string().meta({ example: '2024-2025' }),
    confidence: confidenceEnum,
    sources: sourceIds,
  })
  .meta({
    id: 'ChairHandover',
    description: 'The rotating chairmanship handed over at the end of a summit',
    example: {
      from: 'KZ',
      to: 'CN',
      period: '2024-2025',
      confidence: 'confirmed',
      sources: ['trend-en-3919792', 'astanatimes-2024-kazakhstan-chairmanship', 'article-fr-astana-2024'],
    },
  });

export const summitSchema = z
  .object({
    id: z.string().meta({
      description:
        "`{year}-{city-slug}` (a virtual summit takes the city its declaration is named after). A planned summit whose city is not announced takes `{year}-{host-country-slug}` (`2027-pakistan`): the host's capital is never assumed. Such an id is provisional: once the city is known the summit takes its `{year}-{city-slug}` id, and the dataset changelog records the rename.",
      example: '2024-astana',
    }),
    series: z.enum(['sco', 'shanghai_five']),
    ordinal: z.number().int().describe('The number of the meeting within its series'),
    city: z.string().nullable().describe('Null only for a planned summit whose city is not announced'),
    host: countryCode,
    startDate: isoDate.nullable().describe('Null only for a planned summit whose dates are not known'),
    endDate: isoDate.nullable(),
    mode: z.enum(['in_person', 'virtual', 'hybrid']).nullable(),
    status: z.enum(['held', 'planned']),
    decisions: z.array(changeSchema).describe('The status changes decided there'),
    chairHandover: chairHandoverSchema.nullable(),
    wikidata: wikidataId
      .nullable()
      .describe("The summit's Wikidata item, where one was verified; null otherwise (none is guessed)"),
    confidence: confidenceEnum,
    sources: sourceIds,
    note: z.string().nullable(),
  })
  .meta({
    id: 'Summit',
    description: 'A meeting of the SCO Council of Heads of State, or of the Shanghai Five',
    example: {
      id: '2024-astana',
      series: 'sco',
      ordinal: 24,
      city: 'Astana',
      host: 'KZ',
      startDate: '2024-07-03',
      endDate: '2024-07-04',
      mode: 'in_person',
      status: 'held',
      decisions: [
        { date: '2024-07-04', country: 'BY', previousStatus: 'observer', status: 'member', decidedAt: '2024-astana' },
      ],
      chairHandover: {
        from: 'KZ',
        to: 'CN',
        period: '2024-2025',
        confidence: 'confirmed',
        sources: ['trend-en-3919792', 'article-fr-astana-2024'],
      },
      wikidata: null,
      confidence: 'confirmed',
      sources: ['astanatimes-2024-sco-summit-kicks-off', 'shine-2407045318', 'article-fr-astana-2024'],
      note: "Leaders arrived and met on 07-03; the CHS met on 07-04, followed by the first 'SCO Plus' meeting.",
    },
  });

export const eventSchema = z
  .object({
    id: z.string(),
    date: isoDate,
    type: eventTypeEnum,
    summit: z.string().nullable(),
    countries: z.array(countryCode),
    actor: z.object({ name: z.string(), role: z.string() }).nullable(),
    title: z.object({ en: z.string(), fr: z.string().optional() }),
    quote: z
      .object({
        text: z.string().describe('In the language of the source'),
        lang: z.string(),
        gloss: z.string().describe('An English rendering'),
      })
      .nullable(),
    confidence: confidenceEnum,
    sources: sourceIds,
    note: z.string().nullable(),
  })
  .meta({
    id: 'Event',
    description: 'A dated fact on the timeline',
    example: {
      id: '2024-07-04-xi-main-dans-la-main',
      date: '2024-07-04',
      type: 'statement',
      summit: '2024-astana',
      countries: ['CN'],
      actor: { name: 'Xi Jinping', role: "President of the People's Republic of China" },
      title: {
        en: 'Xi Jinping: SCO member states must resist external interference together',
        fr: 'Xi Jinping : les États membres de l’OCS doivent résister ensemble aux tentatives d’ingérence extérieure',
      },
      quote: {
        text: 'Nous devons résister aux ingérences extérieures, main dans la main, et nous apporter mutuellement un soutien solide',
        lang: 'fr',
        gloss: 'We must resist external interference hand in hand, and give each other solid mutual support.',
      },
      confidence: 'confirmed',
      sources: ['article-fr-astana-2024', 'einpresswire-727058495', 'peopledaily-2024-07-04-20189611'],
      note: 'Said at the Astana summit on 4 July (French seed article).',
    },
  });

export const sourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    url: z.string().nullable().describe('Null only where none is known (the French article the project started from)'),
    language: z.string().describe('ISO 639-1 code of the page'),
    publishedOn: isoDate.nullable(),
  })
  .meta({
    id: 'Source',
    description: 'Where facts come from',
    example: {
      id: 'astanatimes-2024-belarus-10th-member',
      title: 'SCO welcomes Belarus as its 10th member state',
      publisher: 'The Astana Times',
      url: 'https://astanatimes.com/2024/07/sco-welcomes-belarus-as-its-10th-member-state/',
      language: 'en',
      publishedOn: null,
    },
  });

export const summitDetailSchema = summitSchema
  .extend({
    events: z.array(eventSchema).describe('The events of the timeline at this summit'),
    citations: z.array(sourceSchema).describe('Every source cited by the summit, its decisions, handover and events'),
  })
  .meta({ id: 'SummitDetail', description: 'A summit with its events and the sources it cites' });

export const datasetMetaSchema = z
  .object({
    datasetVersion: z.string(),
    verifiedThrough: isoDate.describe('Facts after this day may be missing'),
    builtAt: z.iso.datetime(),
    title: z.string(),
    description: z.string(),
    wikidata: wikidataId.describe("The organisation's Wikidata item (https://www.wikidata.org/wiki/{wikidata})"),
    licence: z.object({ data: z.string(), code: z.string() }),
    counts: z.object({
      countries: z.number().int(),
      statusPeriods: z.number().int(),
      summits: z.number().int(),
      events: z.number().int(),
      sources: z.number().int(),
      applications: z.number().int(),
    }),
    links: z.record(z.string(), z.string()),
  })
  .meta({
    id: 'Meta',
    description: 'The dataset: version, freshness, licence, counts, downloads',
    example: {
      datasetVersion: '1.1.0',
      verifiedThrough: '2026-09-04',
      builtAt: '2026-11-27T20:47:24.962Z',
      title: 'SCO membership, summits and timeline',
      description: 'Who was a member, an observer, a dialogue partner or (since 2025-09-01) a partner of the SCO…',
      wikidata: 'Q485207',
      licence: { data: 'CC-BY-4.0', code: 'MIT' },
      counts: { countries: 27, statusPeriods: 48, summits: 32, events: 100, sources: 240, applications: 15 },
      links: {
        openapi: '/openapi.json',
        docs: '/docs',
        json: '/v1/download/sco.json',
        sqlite: '/v1/download/sco.sqlite',
      },
    },
  });

export type Country = z.infer<typeof countrySchema>;
export type CountryDetail = z.infer<typeof countryDetailSchema>;
export type StatusPeriod = z.infer<typeof statusPeriodSchema>;
export type Change = z.infer<typeof changeSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type Summit = z.infer<typeof summitSchema>;
export type SummitDetail = z.infer<typeof summitDetailSchema>;
export type Event = z.infer<typeof eventSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;
export type Application = z.infer<typeof applicationSchema>;

export const countryRecordSchema = countrySchema.pick({ code: true, iso3: true, wikidata: true, names: true }).meta({
  id: 'CountryRecord',
  description: 'A country of the dataset, without a date',
  example: { code: 'LA', iso3: 'LAO', wikidata: 'Q819', names: { en: 'Laos', fr: 'Laos', ru: 'Лаос', zh: '老挝' } },
});

export const datasetDocumentSchema = z
  .object({
    dataset: datasetMetaSchema,
    countries: z.array(countryRecordSchema),
    statusPeriods: z.array(statusPeriodSchema),
    summits: z.array(summitSchema),
    events: z.array(eventSchema),
    sources: z.array(sourceSchema),
    applications: z.array(applicationSchema),
  })
  .meta({ id: 'DatasetDocument', description: 'The whole dataset in one document (/v1/download/sco.json)' });

export type CountryRecord = z.infer<typeof countryRecordSchema>;
