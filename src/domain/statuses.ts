import { and, asc, desc, isNotNull } from 'drizzle-orm';
import { statusPeriods, summits } from '../../dataset/schema.js';
import { statusValues } from '../../dataset/vocabulary.js';
import type { Db } from '../db/connection.js';
import type { Change, Snapshot, StatusPeriod } from '../schemas/resources.js';
import { shared } from './listing.js';
import { toChange, toStatusPeriod } from './mappers.js';

type Status = StatusPeriod['status'];

export interface PeriodFilter {
  country?: string | null;
  statuses?: Status[];
  /** Periods overlapping [from, to], both inclusive calendar days. */
  from?: string;
  to?: string;
  decidedAt?: string;
}

export interface ChangeFilter {
  country?: string | null;
  statuses?: Status[];
  from?: string;
  to?: string;
}

export function createStatusRepository(db: Db) {
  // The dataset is read-only while the server runs and small (about 50 periods, a few dozen
  // handovers): read once, every date is answered from memory, a new date as fast as a repeat.
  const allPeriods = db.select().from(statusPeriods).orderBy(asc(statusPeriods.from), asc(statusPeriods.country)).all();
  // Latest first, so that the first one ended by a date is that date's handover.
  const handovers = db
    .select({ endDate: summits.endDate, to: summits.chairTo, confidence: summits.chairConfidence })
    .from(summits)
    .where(and(isNotNull(summits.chairTo), isNotNull(summits.endDate)))
    .orderBy(desc(summits.endDate))
    .all();
  const byCountry = [...allPeriods].sort((a, b) => (a.country < b.country ? -1 : a.country > b.country ? 1 : 0));
  // Each period's two answers, made once and shared by every request (see listing.ts `shared`).
  const periodOf = new Map(allPeriods.map((row) => [row, shared(toStatusPeriod(row))]));
  const changeOf = new Map(allPeriods.map((row) => [row, shared(toChange(row))]));

  return {
    periods(filter: PeriodFilter): StatusPeriod[] {
      return allPeriods
        .filter(
          (p) =>
            (!filter.country || p.country === filter.country) &&
            (!filter.statuses || filter.statuses.includes(p.status)) &&
            (!filter.decidedAt || p.decidedAt === filter.decidedAt) &&
            (!filter.to || p.from <= filter.to) &&
            (!filter.from || p.to === null || p.to > filter.from),
        )
        .map((p) => periodOf.get(p) as StatusPeriod);
    },

    /** A change is a period starting; `from`/`to` are inclusive. */
    changes(filter: ChangeFilter): Change[] {
      return allPeriods
        .filter(
          (p) =>
            (!filter.country || p.country === filter.country) &&
            (!filter.statuses || filter.statuses.includes(p.status)) &&
            (!filter.from || p.from >= filter.from) &&
            (!filter.to || p.from <= filter.to),
        )
        .map((p) => changeOf.get(p) as Change);
    },

    decisionsBySummit(): Map<string, Change[]> {
      const bySummit = new Map<string, Change[]>();
      for (const row of allPeriods) {
        if (row.decidedAt === null) continue;
        const list = bySummit.get(row.decidedAt) ?? [];
        list.push(toChange(row));
        bySummit.set(row.decidedAt, list);
      }
      return bySummit;
    },

    /** The composition at the end of `date`, and the chair: the receiver of the last handover ended by then. */
    snapshot(snapshotDate: string): Snapshot {
      const countries = Object.fromEntries(statusValues.map((s) => [s, [] as string[]])) as Record<Status, string[]>;
      for (const p of byCountry) {
        if (p.from <= snapshotDate && (p.to === null || p.to > snapshotDate)) countries[p.status].push(p.country);
      }
      const counts = Object.fromEntries(statusValues.map((s) => [s, countries[s].length])) as Record<Status, number>;
      const handover = handovers.find((h) => (h.endDate as string) <= snapshotDate);
      // An inferred handover is not knowledge of who chaired: say null rather than guess.
      const chair = handover && handover.confidence !== 'unconfirmed' ? handover.to : null;
      return { date: snapshotDate, counts, countries, chair };
    },
  };
}

export type StatusRepository = ReturnType<typeof createStatusRepository>;
