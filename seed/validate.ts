import { createRequire } from 'node:module';
// The library without its Node entry, which registers every locale: only English is needed here.
import countriesLib from 'i18n-iso-countries/index.js';
import type { SeedFileName } from '../dataset/vocabulary.js';
import { describeRecord, type LoadedSeed, type SeedIssue, SeedValidationError } from './read.js';
import type { SummitRecord } from './schema.js';

countriesLib.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));

export const SCO_FOUNDED = '2001-06-15';
export const PARTNER_STATUS_SINCE = '2025-09-01';

/** `Saint Petersburg` -> `saint-petersburg`, `Türkiye` -> `turkiye`: the slug of a summit id. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The last day a planned summit is expected to have been held by: expectedBy, else its end, else 31 December. */
export function expectedBy(summit: SummitRecord): string {
  return summit.expectedBy ?? summit.endDate ?? `${summit.id.slice(0, 4)}-12-31`;
}

/** A date known to `precision` (stored as its first day) can be `day`: same day, month or year. */
function withinAtPrecision(date: string, precision: 'day' | 'month' | 'year', start: string, end: string): boolean {
  const cut = precision === 'day' ? 10 : precision === 'month' ? 7 : 4;
  return date.slice(0, cut) >= start.slice(0, cut) && date.slice(0, cut) <= end.slice(0, cut);
}

/** The rules across records: references resolve, periods do not overlap, confidence matches its sources. */
export function validateSeed(seed: LoadedSeed): void {
  const { data } = seed;
  const issues: SeedIssue[] = [];
  const report = (file: SeedFileName, index: number, record: unknown, field: string | null, message: string) => {
    const path: (string | number)[] = [index, ...(field ? field.split('.') : [])];
    issues.push({ file, record: describeRecord(index, record), field, line: seed.locate(file, path), message });
  };

  const countryCodes = new Set<string>();
  const iso3Codes = new Set<string>();
  data['countries.yaml'].forEach((country, i) => {
    if (countryCodes.has(country.code)) report('countries.yaml', i, country, 'code', `duplicate code ${country.code}`);
    if (iso3Codes.has(country.iso3)) report('countries.yaml', i, country, 'iso3', `duplicate iso3 ${country.iso3}`);
    countryCodes.add(country.code);
    iso3Codes.add(country.iso3);
  });

  const sourceIds = new Set<string>();
  data['sources.yaml'].forEach((source, i) => {
    if (sourceIds.has(source.id)) report('sources.yaml', i, source, 'id', `duplicate source id ${source.id}`);
    sourceIds.add(source.id);
  });

  const checkSources = (
    file: SeedFileName,
    i: number,
    record: unknown,
    field: string,
    confidence: string,
    ids: string[],
  ) => {
    ids.forEach((id, k) => {
      if (!sourceIds.has(id)) report(file, i, record, `${field}.${k}`, `unknown source ${id} (not in sources.yaml)`);
    });
    if (new Set(ids).size !== ids.length) report(file, i, record, field, 'lists a source twice');
    if (confidence === 'confirmed' && ids.length < 2) {
      report(file, i, record, field, 'confidence is confirmed but fewer than two sources are cited');
    }
  };
  const checkCountry = (file: SeedFileName, i: number, record: unknown, field: string, code: string) => {
    if (!countryCodes.has(code)) report(file, i, record, field, `unknown country ${code} (not in countries.yaml)`);
  };

  const { verifiedThrough } = data['dataset.yaml'];
  const englishName = (code: string) =>
    data['countries.yaml'].find((c) => c.code === code)?.names?.en ?? countriesLib.getName(code, 'en') ?? code;

  const summitsById = new Map<string, (typeof data)['summits.yaml'][number]>();
  const ordinals = new Set<string>();
  data['summits.yaml'].forEach((summit, i) => {
    const idSlug = summit.id.slice(5);
    if (summit.city === null) {
      if (summit.status !== 'planned')
        report('summits.yaml', i, summit, 'city', 'only a planned summit may lack a city');
      const expected = slugify(englishName(summit.host));
      if (idSlug !== expected) {
        report(
          'summits.yaml',
          i,
          summit,
          'id',
          `a summit without a city is {year}-${expected} (the host), never a guessed city`,
        );
      }
    } else if (idSlug !== slugify(summit.city)) {
      report('summits.yaml', i, summit, 'id', `expected {year}-${slugify(summit.city)} for the city ${summit.city}`);
    }
    if (summit.status === 'planned') {
      const by = expectedBy(summit);
      if (by < verifiedThrough) {
        report(
          'summits.yaml',
          i,
          summit,
          summit.expectedBy ? 'expectedBy' : 'status',
          `planned, but expected by ${by}, before verifiedThrough ${verifiedThrough}: record what happened (status held, dates, mode, chair handover, decisions) or, if it was postponed, a later expectedBy with a source`,
        );
      }
    } else {
      if (summit.expectedBy !== undefined)
        report('summits.yaml', i, summit, 'expectedBy', 'only a planned summit has it');
      if (summit.endDate && summit.endDate > verifiedThrough) {
        report(
          'summits.yaml',
          i,
          summit,
          'endDate',
          `held after verifiedThrough ${verifiedThrough}: move verifiedThrough`,
        );
      }
    }
    if (summitsById.has(summit.id)) report('summits.yaml', i, summit, 'id', `duplicate summit id ${summit.id}`);
    summitsById.set(summit.id, summit);
    const ordinalKey = `${summit.series}/${summit.ordinal}`;
    if (ordinals.has(ordinalKey)) report('summits.yaml', i, summit, 'ordinal', `duplicate ordinal in ${summit.series}`);
    ordinals.add(ordinalKey);
    checkCountry('summits.yaml', i, summit, 'host', summit.host);
    checkSources('summits.yaml', i, summit, 'sources', summit.confidence, summit.sources);
    if (summit.status === 'held') {
      for (const field of ['startDate', 'endDate', 'mode'] as const) {
        if (summit[field] === null) report('summits.yaml', i, summit, field, 'a held summit needs it');
      }
    }
    if (summit.startDate && summit.endDate && summit.startDate > summit.endDate) {
      report('summits.yaml', i, summit, 'endDate', 'ends before it starts');
    }
    if (summit.startDate && !summit.id.startsWith(summit.startDate.slice(0, 4))) {
      report('summits.yaml', i, summit, 'id', `the id's year differs from startDate ${summit.startDate}`);
    }
    const handover = summit.chairHandover;
    if (handover) {
      if (summit.status !== 'held') report('summits.yaml', i, summit, 'chairHandover', 'only a held summit hands over');
      checkCountry('summits.yaml', i, summit, 'chairHandover.from', handover.from);
      checkCountry('summits.yaml', i, summit, 'chairHandover.to', handover.to);
      checkSources('summits.yaml', i, summit, 'chairHandover.sources', handover.confidence, handover.sources);
    }
  });

  const lastPeriod = new Map<string, { from: string; to: string | undefined }>();
  data['statuses.yaml'].forEach((period, i) => {
    checkCountry('statuses.yaml', i, period, 'country', period.country);
    checkSources('statuses.yaml', i, period, 'sources', period.confidence, period.sources);
    if (period.from < SCO_FOUNDED) {
      report('statuses.yaml', i, period, 'from', `before the SCO's founding on ${SCO_FOUNDED}`);
    }
    if (period.status === 'partner' && period.from < PARTNER_STATUS_SINCE) {
      report('statuses.yaml', i, period, 'status', `partner exists only since ${PARTNER_STATUS_SINCE}`);
    }
    if (period.to !== undefined && period.to <= period.from) {
      report('statuses.yaml', i, period, 'to', 'ends on or before it starts');
    }
    if ((period.formalizedOn === null) !== (period.formalizedPrecision === null)) {
      report('statuses.yaml', i, period, 'formalizedPrecision', 'formalizedOn and formalizedPrecision go together');
    }
    if (period.formalizedOn !== null && period.status !== 'dialogue_partner') {
      report('statuses.yaml', i, period, 'formalizedOn', 'only a dialogue partner status is formalised by memorandum');
    }
    if (period.decidedAt !== null) {
      const summit = summitsById.get(period.decidedAt);
      if (!summit) {
        report('statuses.yaml', i, period, 'decidedAt', `unknown summit ${period.decidedAt} (not in summits.yaml)`);
      } else if (
        summit.startDate &&
        summit.endDate &&
        (period.from < summit.startDate || period.from > summit.endDate)
      ) {
        report(
          'statuses.yaml',
          i,
          period,
          'from',
          `not within summit ${summit.id} (${summit.startDate}..${summit.endDate})`,
        );
      }
    }
    const previous = lastPeriod.get(period.country);
    if (previous) {
      if (period.from <= previous.from) {
        report('statuses.yaml', i, period, 'from', `periods of ${period.country} must be listed oldest first`);
      } else if (previous.to !== undefined && period.from < previous.to) {
        report('statuses.yaml', i, period, 'from', `overlaps the previous period of ${period.country}`);
      }
    }
    lastPeriod.set(period.country, { from: period.from, to: period.to });
  });

  const eventIds = new Set<string>();
  data['events.yaml'].forEach((event, i) => {
    if (eventIds.has(event.id)) report('events.yaml', i, event, 'id', `duplicate event id ${event.id}`);
    eventIds.add(event.id);
    if (event.summit !== null && !summitsById.has(event.summit)) {
      report('events.yaml', i, event, 'summit', `unknown summit ${event.summit} (not in summits.yaml)`);
    }
    event.countries.forEach((code, k) => {
      checkCountry('events.yaml', i, event, `countries.${k}`, code);
    });
    checkSources('events.yaml', i, event, 'sources', event.confidence, event.sources);
  });

  const periodsByCountry = new Map<string, { status: string; from: string }[]>();
  for (const period of data['statuses.yaml']) {
    const list = periodsByCountry.get(period.country) ?? [];
    list.push(period);
    periodsByCountry.set(period.country, list);
  }
  const applicationIds = new Set<string>();
  data['applications.yaml'].forEach((application, i) => {
    const a = application;
    const at = (field: string | null, message: string) => report('applications.yaml', i, a, field, message);
    if (applicationIds.has(a.id)) at('id', `duplicate application id ${a.id}`);
    applicationIds.add(a.id);
    const expectedId = `${a.country.toLowerCase()}-${a.requested.replace('_', '-')}-${a.filedOn.slice(0, 4)}`;
    if (a.id !== expectedId) at('id', `expected ${expectedId} ({country}-{requested}-{year filed})`);
    // A country that applied need never have had a status (Bangladesh): any ISO code will do.
    if (!countryCodes.has(a.country) && !countriesLib.isValid(a.country)) {
      at('country', `${a.country} is not an ISO 3166-1 alpha-2 code`);
    }
    checkSources('applications.yaml', i, a, 'sources', a.confidence, a.sources);
    const firstDay = a.filedPrecision === 'day' || a.filedOn.endsWith(a.filedPrecision === 'month' ? '-01' : '-01-01');
    if (!firstDay) at('filedOn', `a date known to the ${a.filedPrecision} is stored as its first day`);
    if (a.filedOn > verifiedThrough) at('filedOn', `after verifiedThrough ${verifiedThrough}`);
    const resolved = a.outcome !== 'pending';
    if (!resolved && (a.resolvedOn !== null || a.resolvedBy !== null || a.grantedPeriod !== null)) {
      at('outcome', 'a pending application has no resolvedOn, resolvedBy or grantedPeriod');
    }
    if (a.resolvedOn !== null) {
      if (a.resolvedOn < a.filedOn) at('resolvedOn', 'before filedOn');
      if (a.resolvedOn > verifiedThrough) at('resolvedOn', `after verifiedThrough ${verifiedThrough}`);
    }
    if (a.resolvedBy !== null) {
      const summit = summitsById.get(a.resolvedBy);
      if (!summit) at('resolvedBy', `unknown summit ${a.resolvedBy} (not in summits.yaml)`);
      else if (a.resolvedOn === null) at('resolvedOn', `needed with resolvedBy ${a.resolvedBy}`);
      else if (
        summit.startDate &&
        summit.endDate &&
        !withinAtPrecision(a.resolvedOn, 'day', summit.startDate, summit.endDate)
      ) {
        at('resolvedOn', `not within summit ${summit.id} (${summit.startDate}..${summit.endDate})`);
      }
    }
    const periods = periodsByCountry.get(a.country) ?? [];
    if (a.outcome === 'granted') {
      if (a.grantedPeriod === null || a.resolvedOn !== a.grantedPeriod) {
        at('grantedPeriod', 'a granted application has grantedPeriod equal to resolvedOn');
      } else if (!periods.some((p) => p.from === a.grantedPeriod && p.status === a.requested)) {
        at('grantedPeriod', `no ${a.requested} period of ${a.country} starts on ${a.grantedPeriod} (statuses.yaml)`);
      }
    } else if (a.grantedPeriod !== null && !periods.some((p) => p.from === a.grantedPeriod)) {
      at('grantedPeriod', `no period of ${a.country} starts on ${a.grantedPeriod} (statuses.yaml)`);
    }
    let previous = '';
    a.milestones.forEach((m, k) => {
      const field = `milestones.${k}`;
      if (m.date < previous) at(`${field}.date`, 'milestones must be listed oldest first');
      previous = m.date;
      checkSources('applications.yaml', i, a, `${field}.sources`, 'single_source', m.sources);
      if (m.summit !== null) {
        const summit = summitsById.get(m.summit);
        if (!summit) at(`${field}.summit`, `unknown summit ${m.summit} (not in summits.yaml)`);
        else if (
          summit.startDate &&
          summit.endDate &&
          !withinAtPrecision(m.date, m.precision, summit.startDate, summit.endDate)
        ) {
          at(`${field}.date`, `not within summit ${summit.id} (${summit.startDate}..${summit.endDate})`);
        }
      }
      if (m.kind === 'granted' && (a.outcome !== 'granted' || m.date !== a.resolvedOn)) {
        at(`${field}.kind`, 'a granted milestone needs outcome granted on the same day as resolvedOn');
      }
      if (m.kind === 'filed' && (m.date !== a.filedOn || m.precision !== a.filedPrecision)) {
        at(`${field}.date`, 'the filed milestone has the filedOn and filedPrecision of the application');
      }
    });
    if (a.milestones[0]?.kind !== 'filed') at('milestones.0.kind', 'the first milestone is the filing');
  });

  if (issues.length > 0) throw new SeedValidationError(issues);
}
