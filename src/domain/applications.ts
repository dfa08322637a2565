import { asc, eq, sql } from 'drizzle-orm';
import { applications } from '../../dataset/schema.js';
import type { Db } from '../db/connection.js';
import type { Application } from '../schemas/resources.js';
import { NotFoundError } from './errors.js';
import { toApplication } from './mappers.js';

export interface ApplicationFilter {
  country?: string | null;
  requested?: Application['requested'][];
  outcome?: Application['outcome'][];
  /** Filed on or before the day and not resolved by it (pending, or resolved after it). */
  pendingOn?: string;
  /** Filed in [from, to], inclusive calendar days (a date known to the month counts as its first day). */
  from?: string;
  to?: string;
}

/** On `date`, an application is pending when it was filed by then and not resolved by then. */
export function isPendingOn(application: Application, date: string): boolean {
  if (application.filedOn > date) return false;
  if (application.outcome === 'pending') return true;
  // A resolution without a known day (superseded, unknown) cannot be placed: never counted as pending.
  return application.resolvedOn !== null && application.resolvedOn > date;
}

export function createApplicationRepository(db: Db) {
  const all = db.select().from(applications).orderBy(asc(applications.filedOn), asc(applications.id)).prepare();
  const byId = db
    .select()
    .from(applications)
    .where(eq(applications.id, sql.placeholder('id')))
    .prepare();
  const ofCountry = db
    .select()
    .from(applications)
    .where(eq(applications.country, sql.placeholder('country')))
    .orderBy(asc(applications.filedOn), asc(applications.id))
    .prepare();

  return {
    list(filter: ApplicationFilter): Application[] {
      return all
        .all()
        .map(toApplication)
        .filter(
          (a) =>
            (!filter.country || a.country === filter.country) &&
            (!filter.requested || filter.requested.includes(a.requested)) &&
            (!filter.outcome || filter.outcome.includes(a.outcome)) &&
            (!filter.from || a.filedOn >= filter.from) &&
            (!filter.to || a.filedOn <= filter.to) &&
            (!filter.pendingOn || isPendingOn(a, filter.pendingOn)),
        );
    },

    get(id: string): Application {
      const row = byId.get({ id: id.toLowerCase() });
      if (!row)
        throw new NotFoundError(`no application has the id ${id}; ids look like am-member-2025 (see /v1/applications)`);
      return toApplication(row);
    },

    ofCountry(code: string): Application[] {
      return ofCountry.all({ country: code }).map(toApplication);
    },
  };
}

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
