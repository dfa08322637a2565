import { asc, eq, sql } from 'drizzle-orm';
import { summits } from '../../dataset/schema.js';
import type { Db } from '../db/connection.js';
import type { Summit, SummitDetail } from '../schemas/resources.js';
import { NotFoundError } from './errors.js';
import type { EventRepository } from './events.js';
import { toSummit } from './mappers.js';
import type { SourceRepository } from './sources.js';
import type { StatusRepository } from './statuses.js';

export interface SummitFilter {
  year?: number;
  /** Summits overlapping [from, to]; planned summits without dates never match a date range. */
  from?: string;
  to?: string;
  host?: string | null;
  series?: Summit['series'][];
  mode?: NonNullable<Summit['mode']>[];
}

export function createSummitRepository(
  db: Db,
  deps: { statuses: StatusRepository; events: EventRepository; sources: SourceRepository },
) {
  const all = db.select().from(summits).orderBy(asc(summits.id)).prepare();
  const byId = db
    .select()
    .from(summits)
    .where(eq(summits.id, sql.placeholder('id')))
    .prepare();

  return {
    list(filter: SummitFilter): Summit[] {
      const decisions = deps.statuses.decisionsBySummit();
      return all
        .all()
        .filter(
          (s) =>
            (filter.year === undefined || s.id.startsWith(`${filter.year}-`)) &&
            (!filter.host || s.host === filter.host) &&
            (!filter.series || filter.series.includes(s.series)) &&
            (!filter.mode || (s.mode !== null && filter.mode.includes(s.mode))) &&
            (!filter.from || (s.endDate !== null && s.endDate >= filter.from)) &&
            (!filter.to || (s.startDate !== null && s.startDate <= filter.to)),
        )
        .map((s) => toSummit(s, decisions.get(s.id) ?? []));
    },

    get(id: string): SummitDetail {
      const row = byId.get({ id: id.toLowerCase() });
      if (!row) throw new NotFoundError(`no summit has the id ${id}; ids look like 2024-astana (see /v1/summits)`);
      const summit = toSummit(row, deps.statuses.decisionsBySummit().get(row.id) ?? []);
      const events = deps.events.list({ summit: row.id });
      const decisionSources = deps.statuses.periods({ decidedAt: row.id }).flatMap((p) => p.sources);
      const cited = [
        ...summit.sources,
        ...(summit.chairHandover?.sources ?? []),
        ...decisionSources,
        ...events.flatMap((e) => e.sources),
      ];
      return { ...summit, events, citations: deps.sources.byIds([...new Set(cited)]) };
    },
  };
}

export type SummitRepository = ReturnType<typeof createSummitRepository>;
