import { createRequire } from 'node:module';
// The library without its Node entry, which registers every locale: only those named here are loaded.
import countriesLib from 'i18n-iso-countries/index.js';
import type { ApplicationRow, CountryRow, EventRow, StatusPeriodRow, SummitRow } from '../dataset/schema.js';
import { foldForSearch } from '../dataset/search.js';
import { languageValues } from '../dataset/vocabulary.js';
import type { SeedData } from './read.js';
import type { StatusPeriodRecord } from './schema.js';
import { SCO_FOUNDED } from './validate.js';

// A required path the bundler leaves alone, so that the server bundle does not carry every locale.
const loadJson = createRequire(import.meta.url);
for (const lang of languageValues) countriesLib.registerLocale(loadJson(`i18n-iso-countries/langs/${lang}.json`));

type Confidence = StatusPeriodRecord['confidence'];
type Status = StatusPeriodRecord['status'];

export interface DerivedRows {
  countries: CountryRow[];
  sources: SeedData['sources.yaml'];
  summits: SummitRow[];
  statusPeriods: Omit<StatusPeriodRow, 'id'>[];
  events: EventRow[];
  applications: ApplicationRow[];
}

const statusLabel: Record<Status, string> = {
  member: 'member',
  observer: 'observer',
  dialogue_partner: 'dialogue partner',
  partner: 'partner',
};
const confidenceRank: Record<Confidence, number> = { unconfirmed: 0, single_source: 1, confirmed: 2 };

/** Everything the database holds that is computed from the data files rather than written in them. */
export function deriveRows(data: SeedData): DerivedRows {
  const countries = data['countries.yaml'].map((record): CountryRow => {
    const names = Object.fromEntries(
      languageValues.map((lang) => [lang, record.names?.[lang] ?? packageNames(record.code, lang)[0]]),
    ) as Record<(typeof languageValues)[number], string>;
    const allNames = languageValues.flatMap((lang) => [names[lang], ...packageNames(record.code, lang)]);
    return {
      code: record.code,
      iso3: record.iso3,
      nameEn: names.en,
      nameFr: names.fr,
      nameRu: names.ru,
      nameZh: names.zh,
      wikidata: record.wikidata,
      searchText: foldForSearch([...new Set(allNames)].join(' | ')),
    };
  });
  const nameOf = new Map(countries.map((c) => [c.code, c.nameEn]));

  const summits = data['summits.yaml'].map(
    (s): SummitRow => ({
      id: s.id,
      series: s.series,
      ordinal: s.ordinal,
      city: s.city,
      host: s.host,
      startDate: s.startDate,
      endDate: s.endDate,
      mode: s.mode,
      status: s.status,
      chairFrom: s.chairHandover?.from ?? null,
      chairTo: s.chairHandover?.to ?? null,
      chairPeriod: s.chairHandover?.period ?? null,
      chairConfidence: s.chairHandover?.confidence ?? null,
      chairSources: s.chairHandover?.sources ?? null,
      wikidata: s.wikidata ?? null,
      confidence: s.confidence,
      sources: s.sources,
      note: s.note ?? null,
    }),
  );

  const statusPeriods = deriveStatusPeriods(data['statuses.yaml']);

  const events: EventRow[] = [
    ...data['events.yaml'].map(
      (e): EventRow =>
        withSearchText({
          id: e.id,
          date: e.date,
          type: e.type,
          summit: e.summit,
          countries: e.countries,
          actorName: e.actor?.name ?? null,
          actorRole: e.actor?.role ?? null,
          titleEn: e.title.en,
          titleFr: e.title.fr ?? null,
          quoteText: e.quote?.text ?? null,
          quoteLang: e.quote?.lang ?? null,
          quoteGloss: e.quote?.gloss ?? null,
          confidence: e.confidence,
          sources: e.sources,
          note: e.note ?? null,
        }),
    ),
    ...summitEvents(summits, nameOf),
    ...statusDecisionEvents(statusPeriods, nameOf),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  const applications = data['applications.yaml'].map(
    (a): ApplicationRow => ({ ...a, milestones: a.milestones.map((m) => ({ ...m })) }),
  );

  return { countries, sources: data['sources.yaml'], summits, statusPeriods, events, applications };
}

function packageNames(code: string, lang: string): string[] {
  const names = countriesLib.getName(code, lang, { select: 'all' });
  if (!names || names.length === 0) throw new Error(`i18n-iso-countries has no ${lang} name for ${code}`);
  return names;
}

function deriveStatusPeriods(records: StatusPeriodRecord[]): Omit<StatusPeriodRow, 'id'>[] {
  const byCountry = groupBy(records, (r) => r.country);
  const rows: Omit<StatusPeriodRow, 'id'>[] = [];
  for (const periods of byCountry.values()) {
    periods.forEach((period, i) => {
      const next = periods[i + 1];
      const previous = i > 0 ? periods[i - 1] : undefined;
      const previousEnd = previous ? (previous.to ?? period.from) : undefined;
      rows.push({
        country: period.country,
        status: period.status,
        from: period.from,
        to: period.to ?? next?.from ?? null,
        previousStatus: previous && previousEnd === period.from ? previous.status : null,
        decidedAt: period.decidedAt,
        formalizedOn: period.formalizedOn,
        formalizedPrecision: period.formalizedPrecision,
        confidence: period.confidence,
        sources: period.sources,
        note: period.note ?? null,
      });
    });
  }
  return rows.sort((a, b) => a.from.localeCompare(b.from) || a.country.localeCompare(b.country));
}

function summitEvents(summits: SummitRow[], nameOf: Map<string, string>): EventRow[] {
  const events: EventRow[] = [];
  for (const summit of summits) {
    if (summit.status !== 'held' || !summit.startDate || !summit.endDate) continue;
    const how = summit.mode === 'virtual' ? ' (by video conference)' : summit.mode === 'hybrid' ? ' (hybrid)' : '';
    const title =
      summit.series === 'sco'
        ? `${ordinal(summit.ordinal)} meeting of the SCO Council of Heads of State, ${summit.city}${how}`
        : `${ordinal(summit.ordinal)} Shanghai Five summit, ${summit.city}`;
    events.push(
      withSearchText({
        ...emptyEvent,
        id: `summit-${summit.id}`,
        date: summit.startDate,
        type: 'summit',
        summit: summit.id,
        countries: [summit.host],
        titleEn: title,
        confidence: summit.confidence,
        sources: summit.sources,
        note: summit.note,
      }),
    );
    if (summit.chairFrom && summit.chairTo && summit.chairConfidence && summit.chairSources) {
      const from = nameOf.get(summit.chairFrom);
      const to = nameOf.get(summit.chairTo);
      events.push(
        withSearchText({
          ...emptyEvent,
          id: `chair-${summit.id}`,
          date: summit.endDate,
          type: 'chair_handover',
          summit: summit.id,
          countries: [...new Set([summit.chairFrom, summit.chairTo])],
          titleEn:
            summit.chairFrom === summit.chairTo
              ? `${to} keeps the SCO chairmanship for ${summit.chairPeriod}`
              : `The SCO chairmanship passes from ${from} to ${to} for ${summit.chairPeriod}`,
          confidence: summit.chairConfidence,
          sources: summit.chairSources,
        }),
      );
    }
  }
  return events;
}

/** One event per decision: the periods that start on one day, at one summit, with one old and new status. */
function statusDecisionEvents(periods: Omit<StatusPeriodRow, 'id'>[], nameOf: Map<string, string>): EventRow[] {
  const groups = groupBy(periods, (p) => `${p.from}|${p.decidedAt}|${p.status}|${p.previousStatus}`);
  return [...groups.values()].map((group) => {
    const [first] = group as [Omit<StatusPeriodRow, 'id'>];
    const codes = group.map((p) => p.country).sort();
    const names = listOf(codes.map((c) => nameOf.get(c) ?? c));
    const plural = codes.length > 1;
    const label = statusLabel[first.status];
    const previous = first.previousStatus;
    let title: string;
    if (first.from === SCO_FOUNDED && first.status === 'member') {
      title = `${names} found the SCO as its member states`;
    } else if (previous === null) {
      title = `${names} ${plural ? 'are' : 'is'} granted SCO ${label} status`;
    } else if (first.status === 'partner') {
      title = `${names}: ${statusLabel[previous]} status merged into the single status of SCO partner`;
    } else {
      title = `${names} ${plural ? `become SCO ${label}s` : `becomes an SCO ${label}`}`;
      title += ` (previously ${statusLabel[previous]}${plural ? 's' : ''})`;
    }
    const confidence = group.reduce<Confidence>(
      (lowest, p) => (confidenceRank[p.confidence] < confidenceRank[lowest] ? p.confidence : lowest),
      'confirmed',
    );
    return withSearchText({
      ...emptyEvent,
      id: `status-${first.from}-${first.status.replace('_', '-')}${previous ? `-from-${previous.replace('_', '-')}` : ''}`,
      date: first.from,
      type: 'status_decision',
      summit: first.decidedAt,
      countries: codes,
      titleEn: title,
      confidence,
      sources: [...new Set(group.flatMap((p) => p.sources))],
    });
  });
}

const emptyEvent = {
  actorName: null,
  actorRole: null,
  titleFr: null,
  quoteText: null,
  quoteLang: null,
  quoteGloss: null,
  note: null,
} as const;

function withSearchText(event: Omit<EventRow, 'searchText'>): EventRow {
  const text = [event.titleEn, event.titleFr, event.quoteText, event.quoteGloss, event.actorName].filter(Boolean);
  return { ...event, searchText: foldForSearch(text.join(' | ')) };
}

function listOf(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
