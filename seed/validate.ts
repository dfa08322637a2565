import { describeRecord, type LoadedSeed, type SeedIssue, SeedValidationError } from './read.js';
import type { SeedFileName } from './vocabulary.js';

export const SCO_FOUNDED = '2001-06-15';
export const PARTNER_STATUS_SINCE = '2025-09-01';

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

  const summitsById = new Map<string, (typeof data)['summits.yaml'][number]>();
  const ordinals = new Set<string>();
  data['summits.yaml'].forEach((summit, i) => {
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

  if (issues.length > 0) throw new SeedValidationError(issues);
}
