import { asc } from 'drizzle-orm';
import { type CountryRow, countries, type StatusPeriodRow, statusPeriods } from '../../dataset/schema.js';
import { foldForSearch } from '../../dataset/search.js';
import type { Db } from '../db/connection.js';
import type { Language } from '../schemas/primitives.js';
import type { Country, CountryDetail, CountryRecord, StatusPeriod } from '../schemas/resources.js';
import type { ApplicationRepository } from './applications.js';
import { isoCountryName, resolveCountryCode } from './codes.js';
import { NotFoundError } from './errors.js';
import { shared } from './listing.js';
import { toCountry, toStatusPeriod } from './mappers.js';

export interface CountryFilter {
  asOf: string;
  lang: Language;
  statuses?: StatusPeriod['status'][];
  q?: string;
  includeFormer?: boolean;
}

export function createCountryRepository(db: Db, deps: { applications: ApplicationRepository }) {
  // Read once: 27 countries and about 50 periods, never written while the server runs. Any date
  // is then answered from memory, a new one as fast as a repeat.
  const countryRows = db.select().from(countries).orderBy(asc(countries.code)).all();
  const periodRows = db.select().from(statusPeriods).orderBy(asc(statusPeriods.from)).all();
  const periodsByCountry = new Map<string, StatusPeriodRow[]>(countryRows.map((row) => [row.code, []]));
  for (const period of periodRows) periodsByCountry.get(period.country)?.push(period);
  const byCode = new Map(countryRows.map((row) => [row.code, row]));
  const periodsOf = (code: string) => (periodsByCountry.get(code) ?? []).map(toStatusPeriod);

  // A country's entry in a list, for one language and one of its periods (or none): made once and
  // shared, so that every date of an interval between two changes gets the very same items (at
  // most 27 countries x 4 languages x their periods and none).
  const entries = new Map<string, Country>();
  function entry(row: CountryRow, lang: Language, period: StatusPeriodRow | null): Country {
    const key = `${row.code} ${lang} ${period?.id ?? ''}`;
    let item = entries.get(key);
    if (!item) {
      item = shared(toCountry(row, lang, period));
      entries.set(key, item);
    }
    return item;
  }

  function statusOn<P extends { from: string; to: string | null }>(periods: P[], date: string): P | null {
    return periods.find((p) => p.from <= date && (p.to === null || p.to > date)) ?? null;
  }

  return {
    /** Countries with their status on `asOf`; those without one only with includeFormer and no status filter. */
    list(filter: CountryFilter): Country[] {
      const folded = filter.q ? foldForSearch(filter.q) : null;
      const listed: Country[] = [];
      for (const row of countryRows) {
        // search_text is folded when the database is built: a substring test, as LIKE '%q%' did.
        if (folded !== null && !row.searchText.includes(folded)) continue;
        const period = statusOn(periodsByCountry.get(row.code) ?? [], filter.asOf);
        const kept = filter.statuses
          ? period !== null && filter.statuses.includes(period.status)
          : period !== null || filter.includeFormer === true;
        if (kept) listed.push(entry(row, filter.lang, period));
      }
      return listed;
    },

    /** Resolves alpha-2 or alpha-3 in any case; 404 says whether the code is not ISO or never had a status. */
    get(code: string, options: { asOf: string; lang: Language }): CountryDetail {
      const row = findCountryByCode(code);
      const statuses = periodsOf(row.code);
      return {
        ...toCountry(row, options.lang, statusOn(statuses, options.asOf)),
        statuses,
        applications: deps.applications.ofCountry(row.code),
        links: {
          self: `/v1/countries/${row.code}`,
          statuses: `/v1/countries/${row.code}/statuses`,
          applications: `/v1/applications?country=${row.code}`,
        },
      };
    },

    /** Every country of the dataset, without a date: code, iso3 and names. */
    records(): CountryRecord[] {
      return countryRows.map((row) => {
        const { code, iso3, wikidata, names } = toCountry(row, 'en', null);
        return { code, iso3, wikidata, names };
      });
    },

    statuses(code: string): StatusPeriod[] {
      return periodsOf(findCountryByCode(code).code);
    },
  };

  function findCountryByCode(code: string) {
    const resolved = resolveCountryCode(code);
    if (resolved.kind === 'unassigned') {
      throw new NotFoundError(`${resolved.input} is not an ISO 3166-1 alpha-2 or alpha-3 country code`);
    }
    const row = byCode.get(resolved.alpha2);
    if (!row) {
      throw new NotFoundError(
        `${isoCountryName(resolved.alpha2)} (${resolved.alpha2}) is a valid ISO 3166-1 code, but has never had an SCO status`,
      );
    }
    return row;
  }
}

export type CountryRepository = ReturnType<typeof createCountryRepository>;
