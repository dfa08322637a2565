import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { seedContentHash } from '../dataset/hash.js';
import { migrationsDir as defaultMigrationsDir, seedDataDir as defaultSeedDir } from '../dataset/paths.js';
import * as schema from '../dataset/schema.js';
import { openSqlite } from '../dataset/sqlite.js';
import { deriveRows } from './derive.js';
import { freshnessWarnings } from './freshness.js';
import { readSeed } from './read.js';
import { validateSeed } from './validate.js';

export interface SeedOptions {
  databasePath: string;
  seedDir?: string;
  migrationsDir?: string;
  /** The build date: builtAt and the staleness warnings. Injectable for reproducible builds and tests. */
  now?: Date;
}

export interface SeedResult {
  databasePath: string;
  contentHash: string;
  counts: Record<'countries' | 'sources' | 'summits' | 'statusPeriods' | 'events' | 'applications', number>;
  /** What may be out of date at the build date (seed/freshness.ts); never a failure. */
  warnings: string[];
}

/** SOURCE_DATE_EPOCH (reproducible builds) makes replicas built apart from the same seed identical. */
function buildTime(now: Date | undefined): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (now) return now;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : new Date();
}

/**
 * Validates the data files and builds a new database next to `databasePath`, then renames it into
 * place: readers see the old file or the new one, never a half-written one, and a failure leaves the
 * old file untouched.
 */
export function buildDatabase(options: SeedOptions): SeedResult {
  const seedDir = options.seedDir ?? defaultSeedDir;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir;
  const seed = readSeed(seedDir);
  validateSeed(seed);
  const rows = deriveRows(seed.data);
  const dataset = seed.data['dataset.yaml'];
  const contentHash = seedContentHash(seedDir, migrationsDir);
  const builtAt = buildTime(options.now);
  const warnings = freshnessWarnings(seed.data, builtAt.toISOString().slice(0, 10));

  mkdirSync(dirname(options.databasePath), { recursive: true });
  const tempPath = `${options.databasePath}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const sqlite = openSqlite(tempPath);
    try {
      sqlite.pragma('journal_mode = DELETE');
      const db = drizzle(sqlite, { schema });
      migrate(db, { migrationsFolder: migrationsDir });
      db.transaction((tx) => {
        tx.insert(schema.dataset)
          .values({
            id: 1,
            title: dataset.title,
            version: dataset.version,
            verifiedThrough: dataset.verifiedThrough,
            licenceData: dataset.licence.data,
            licenceCode: dataset.licence.code,
            description: dataset.description,
            builtAt: builtAt.toISOString(),
            contentHash,
            wikidata: dataset.wikidata,
          })
          .run();
        tx.insert(schema.countries).values(rows.countries).run();
        tx.insert(schema.sources).values(rows.sources).run();
        tx.insert(schema.summits).values(rows.summits).run();
        tx.insert(schema.statusPeriods).values(rows.statusPeriods).run();
        tx.insert(schema.events).values(rows.events).run();
        tx.insert(schema.applications).values(rows.applications).run();
      });
      sqlite.pragma('optimize');
    } finally {
      sqlite.close();
    }
    renameSync(tempPath, options.databasePath);
  } catch (error) {
    rmSync(tempPath, { force: true });
    throw error;
  }

  return {
    databasePath: options.databasePath,
    contentHash,
    counts: {
      countries: rows.countries.length,
      sources: rows.sources.length,
      summits: rows.summits.length,
      statusPeriods: rows.statusPeriods.length,
      events: rows.events.length,
      applications: rows.applications.length,
    },
    warnings,
  };
}
