import { asc, sql } from 'drizzle-orm';
import { events } from '../../dataset/schema.js';
import { foldForSearch } from '../../dataset/search.js';
import type { Db } from '../db/connection.js';
import type { Event } from '../schemas/resources.js';
import { toEvent } from './mappers.js';
import { likePattern } from './search.js';

export interface EventFilter {
  types?: Event['type'][];
  country?: string | null;
  summit?: string;
  from?: string;
  to?: string;
  q?: string;
}

export function createEventRepository(db: Db) {
  const pattern = sql.placeholder('pattern');
  const matching = db
    .select()
    .from(events)
    .where(sql`(${pattern} IS NULL OR ${events.searchText} LIKE ${pattern} ESCAPE '\\')`)
    .orderBy(asc(events.date), asc(events.id))
    .prepare();

  return {
    list(filter: EventFilter): Event[] {
      return matching
        .all({ pattern: filter.q ? likePattern(foldForSearch(filter.q)) : null })
        .filter(
          (e) =>
            (!filter.types || filter.types.includes(e.type)) &&
            (!filter.country || e.countries.includes(filter.country)) &&
            (!filter.summit || e.summit === filter.summit) &&
            (!filter.from || e.date >= filter.from) &&
            (!filter.to || e.date <= filter.to),
        )
        .map(toEvent);
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
