import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../db/connection.js';
import { createCountryRepository } from '../domain/countries.js';
import { createDownloads } from '../domain/downloads.js';
import { createEventRepository } from '../domain/events.js';
import { createMetaRepository } from '../domain/meta.js';
import { createSourceRepository } from '../domain/sources.js';
import { createStatusRepository } from '../domain/statuses.js';
import { createSummitRepository } from '../domain/summits.js';

export function createRepositories(handle: DatabaseHandle) {
  const { db } = handle;
  const statuses = createStatusRepository(db);
  const events = createEventRepository(db);
  const sources = createSourceRepository(db);
  const core = {
    meta: createMetaRepository(db),
    countries: createCountryRepository(db),
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
    repos: Repositories;
    database: DatabaseHandle;
  }
}

/** Opens the (read-only) database once, builds the repositories on it, and closes it with the server. */
export default fp(
  async (app: FastifyInstance, options: { open: () => DatabaseHandle }) => {
    const handle = options.open();
    app.decorate('database', handle);
    app.decorate('repos', createRepositories(handle));
    app.addHook('onClose', async () => handle.close());
  },
  { name: 'repositories' },
);
