import { asc, eq, sql } from 'drizzle-orm';
import { sources } from '../../dataset/schema.js';
import { foldForSearch } from '../../dataset/search.js';
import type { Db } from '../db/connection.js';
import type { Source } from '../schemas/resources.js';
import { NotFoundError } from './errors.js';
import { toSource } from './mappers.js';

export interface SourceFilter {
  language?: string;
  q?: string;
}

export function createSourceRepository(db: Db) {
  const all = db.select().from(sources).orderBy(asc(sources.id)).prepare();
  const byId = db
    .select()
    .from(sources)
    .where(eq(sources.id, sql.placeholder('id')))
    .prepare();

  return {
    list(filter: SourceFilter): Source[] {
      const q = filter.q ? foldForSearch(filter.q) : null;
      return all
        .all()
        .filter(
          (s) =>
            (!filter.language || s.language === filter.language) &&
            (!q || foldForSearch(`${s.title} | ${s.publisher} | ${s.url ?? ''}`).includes(q)),
        )
        .map(toSource);
    },

    get(id: string): Source {
      const row = byId.get({ id });
      if (!row) throw new NotFoundError(`no source has the id ${id} (see /v1/sources)`);
      return toSource(row);
    },

    byIds(ids: string[]): Source[] {
      const wanted = new Set(ids);
      return all
        .all()
        .filter((s) => wanted.has(s.id))
        .map(toSource);
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
