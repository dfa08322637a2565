import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../db/connection.js';
import { createApplicationRepository } from '../domain/applications.js';
import { createCountryRepository } from '../domain/countries.js';
import { createDownloads } from '../domain/downloads.js';
import { createEventRepository } from '../domain/events.js';
import { createMetaRepository } from '../domain/meta.js';
import { createSourceRepository } from '../domain/sources.js';
import { createStatusRepository } from '../domain/statuses.js';
import { createSummitRepository } from '../domain/summits.js';
import { ApiProblem } from '../http/problems.js';

export function createRepositories(handle: DatabaseHandle) {
  const { db } = handle;
  const statuses = createStatusRepository(db);
  const events = createEventRepository(db);
  const sources = createSourceRepository(db);
  const applications = createApplicationRepository(db);
  const core = {
    meta: createMetaRepository(db),
    countries: createCountryRepository(db, { applications }),
    applications,
    statuses,
    events,
    sources,
    summits: createSummitRepository(db, { statuses, events, sources }),
  };
  return { ...core, downloads: createDownloads(core, handle.sqlite.name) };
}

export type Repositories = ReturnType<typeof createRepositories>;

declare module 'fastify' {
  interface FastifyInstance {
    /** The repositories; a 503 problem until the database is open. */
    repos: Repositories;
    databaseReady: boolean;
    /** Opens the database now (for a server that listens first and opens after). */
    openDatabase(): void;
  }
}

/**
 * Opens the (read-only) database, builds the repositories on it, and closes it with the server.
 * With `defer`, the app starts without it (readiness 503, API 503) until openDatabase() is called.
 */
export default fp(
  async (app: FastifyInstance, options: { open: () => DatabaseHandle; defer?: boolean }) => {
    let handle: DatabaseHandle | null = null;
    let repos: Repositories | null = null;

    app.decorate('openDatabase', () => {
      if (handle) return;
      handle = options.open();
      repos = createRepositories(handle);
    });
    app.decorate('repos', {
      getter(): Repositories {
        if (!repos)
          throw new ApiProblem('unavailable', 'the database is not open yet; retry in a moment', undefined, {
            'retry-after': '1',
          });
        return repos;
      },
    });
    app.decorate('databaseReady', { getter: () => handle?.sqlite.open === true });
    app.addHook('onClose', async () => handle?.close());
    if (!options.defer) app.openDatabase();
  },
  { name: 'repositories' },
);
