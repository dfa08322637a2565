import type {
  ApplicationRow,
  CountryRow,
  EventRow,
  SourceRow,
  StatusPeriodRow,
  SummitRow,
} from '../../dataset/schema.js';
import type { Language } from '../schemas/primitives.js';
import type { Application, Change, Country, Event, Source, StatusPeriod, Summit } from '../schemas/resources.js';

// Rows to the contract's shapes: the only place that knows both.

export function toCountry(
  row: CountryRow,
  lang: Language,
  period: { status: StatusPeriod['status']; from: string } | null,
): Country {
  const names = { en: row.nameEn, fr: row.nameFr, ru: row.nameRu, zh: row.nameZh };
  return {
    code: row.code,
    iso3: row.iso3,
    wikidata: row.wikidata,
    name: names[lang],
    names,
    status: period?.status ?? null,
    statusSince: period?.from ?? null,
  };
}

export function toStatusPeriod(row: StatusPeriodRow): StatusPeriod {
  return {
    country: row.country,
    status: row.status,
    from: row.from,
    to: row.to,
    decidedAt: row.decidedAt,
    formalizedOn: row.formalizedOn,
    formalizedPrecision: row.formalizedPrecision,
    confidence: row.confidence,
    sources: row.sources,
    note: row.note,
  };
}

export function toChange(row: StatusPeriodRow): Change {
  return {
    date: row.from,
    country: row.country,
    previousStatus: row.previousStatus,
    status: row.status,
    decidedAt: row.decidedAt,
  };
}

export function toSummit(row: SummitRow, decisions: Change[]): Summit {
  return {
    id: row.id,
    series: row.series,
    ordinal: row.ordinal,
    city: row.city,
    host: row.host,
    startDate: row.startDate,
    endDate: row.endDate,
    mode: row.mode,
    status: row.status,
    decisions,
    chairHandover:
      row.chairFrom && row.chairTo && row.chairPeriod && row.chairConfidence && row.chairSources
        ? {
            from: row.chairFrom,
            to: row.chairTo,
            period: row.chairPeriod,
            confidence: row.chairConfidence,
            sources: row.chairSources,
          }
        : null,
    wikidata: row.wikidata,
    confidence: row.confidence,
    sources: row.sources,
    note: row.note,
  };
}

export function toEvent(row: EventRow): Event {
  return {
    id: row.id,
    date: row.date,
    type: row.type,
    summit: row.summit,
    countries: row.countries,
    actor: row.actorName && row.actorRole ? { name: row.actorName, role: row.actorRole } : null,
    title: row.titleFr ? { en: row.titleEn, fr: row.titleFr } : { en: row.titleEn },
    quote:
      row.quoteText && row.quoteLang && row.quoteGloss
        ? { text: row.quoteText, lang: row.quoteLang, gloss: row.quoteGloss }
        : null,
    confidence: row.confidence,
    sources: row.sources,
    note: row.note,
  };
}

export function toSource(row: SourceRow): Source {
  return {
    id: row.id,
    title: row.title,
    publisher: row.publisher,
    url: row.url,
    language: row.language,
    publishedOn: row.publishedOn,
  };
}

export function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    country: row.country,
    requested: row.requested,
    filedOn: row.filedOn,
    filedPrecision: row.filedPrecision,
    outcome: row.outcome,
    resolvedOn: row.resolvedOn,
    resolvedBy: row.resolvedBy,
    grantedPeriod: row.grantedPeriod,
    milestones: row.milestones,
    confidence: row.confidence,
    sources: row.sources,
    note: row.note,
  };
}
