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

  // Every answer that takes a date (a snapshot, countries asOf, periods or changes from a day) only
  // compares it with these dates (<, <=, > or >=); such a comparison can change between two days
  // only where one of them is a date d of the dataset or the day after it. Sorted, they split the
  // calendar into runs of days whose answers are the same but for the date itself.
  const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
  const compared = [
    ...allPeriods.flatMap((p) => (p.to ? [p.from, p.to] : [p.from])),
    ...handovers.map((h) => h.endDate as string),
  ];
  const runStarts = [...new Set(compared.flatMap((d) => [d, dayAfter(d)]))].sort();

  return {
    /**
     * The first day of the run of days that `date` is in: two dates with the same first day get
     * the same snapshot, countries, periods and changes, but for the date they were asked for.
     */
    runOf(date: string): string {
      // The last start at or before date (binary search): '' before the first.
      let low = 0;
      let high = runStarts.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((runStarts[middle] as string) <= date) low = middle + 1;
        else high = middle;
      }
      return low === 0 ? '' : (runStarts[low - 1] as string);
    },

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
