import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { countries, statusPeriods } from '../db/schema.js';
import type { Language } from '../schemas/primitives.js';
import type { Country, CountryDetail, CountryRecord, StatusPeriod } from '../schemas/resources.js';
import type { ApplicationRepository } from './applications.js';
import { isoCountryName, resolveCountryCode } from './codes.js';
import { toCountry, toStatusPeriod } from './mappers.js';
import { notFound } from './problems.js';
import { foldForSearch, likePattern } from './search.js';

export interface CountryFilter {
  asOf: string;
  lang: Language;
  statuses?: StatusPeriod['status'][];
  q?: string;
  includeFormer?: boolean;
}

export function createCountryRepository(db: Db, deps: { applications: ApplicationRepository }) {
  const asOf = sql.placeholder('asOf');
  const pattern = sql.placeholder('pattern');
  const withStatusOn = db
    .select({ country: countries, status: statusPeriods.status, from: statusPeriods.from })
    .from(countries)
    .leftJoin(
      statusPeriods,
      and(
        eq(statusPeriods.country, countries.code),
        lte(statusPeriods.from, asOf),
        or(isNull(statusPeriods.to), gt(statusPeriods.to, asOf)),
      ),
    )
    .where(sql`(${pattern} IS NULL OR ${countries.searchText} LIKE ${pattern} ESCAPE '\\')`)
    .orderBy(asc(countries.code))
    .prepare();
  const allCountries = db.select().from(countries).orderBy(asc(countries.code)).prepare();
  const byCode = db
    .select()
    .from(countries)
    .where(eq(countries.code, sql.placeholder('code')))
    .prepare();
  const periodsOf = db
    .select()
    .from(statusPeriods)
    .where(eq(statusPeriods.country, sql.placeholder('code')))
    .orderBy(asc(statusPeriods.from))
    .prepare();

  function statusOn(periods: StatusPeriod[], date: string) {
    return periods.find((p) => p.from <= date && (p.to === null || p.to > date)) ?? null;
  }

  return {
    /** Countries with their status on `asOf`; those without one only with includeFormer and no status filter. */
    list(filter: CountryFilter): Country[] {
      const rows = withStatusOn.all({
        asOf: filter.asOf,
        pattern: filter.q ? likePattern(foldForSearch(filter.q)) : null,
      });
      return rows
        .filter((row) =>
          filter.statuses
            ? row.status !== null && filter.statuses.includes(row.status)
            : row.status !== null || filter.includeFormer === true,
        )
        .map((row) =>
          toCountry(row.country, filter.lang, row.status && row.from ? { status: row.status, from: row.from } : null),
        );
    },

    /** Resolves alpha-2 or alpha-3 in any case; 404 says whether the code is not ISO or never had a status. */
    get(code: string, options: { asOf: string; lang: Language }): CountryDetail {
      const row = findCountryByCode(code);
      const statuses = periodsOf.all({ code: row.code }).map(toStatusPeriod);
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
      return allCountries.all().map((row) => {
        const { code, iso3, wikidata, names } = toCountry(row, 'en', null);
        return { code, iso3, wikidata, names };
      });
    },

    statuses(code: string): StatusPeriod[] {
      return periodsOf.all({ code: findCountryByCode(code).code }).map(toStatusPeriod);
    },
  };

  function findCountryByCode(code: string) {
    const resolved = resolveCountryCode(code);
    if (resolved.kind === 'unassigned') {
      throw notFound(`${resolved.input} is not an ISO 3166-1 alpha-2 or alpha-3 country code`);
    }
    const row = byCode.get({ code: resolved.alpha2 });
    if (!row) {
      throw notFound(
        `${isoCountryName(resolved.alpha2)} (${resolved.alpha2}) is a valid ISO 3166-1 code, but has never had an SCO status`,
      );
    }
    return row;
  }
}

export type CountryRepository = ReturnType<typeof createCountryRepository>;
