import { isAbsolute, relative, resolve } from 'node:path';
import { defaultDatabasePath, projectRoot, seedDataDir } from '../dataset/paths.js';
import { buildDatabase } from './build.js';
import { SeedValidationError } from './read.js';
import { staleReason } from './stale.js';

// `npm run seed [-- --if-stale]`: validates seed/data and builds DATABASE_PATH from it; exit 1 with
// every problem listed. With --if-stale (what `npm start` and `npm run dev` run first), a database
// built from the current data files, migrations and derivation rules is kept as it is.
const fromRoot = (path: string) => (isAbsolute(path) ? path : resolve(projectRoot, path));
const databasePath = fromRoot(process.env.DATABASE_PATH || defaultDatabasePath);
const seedDir = fromRoot(process.env.SEED_DIR || seedDataDir);
const shown = relative(process.cwd(), databasePath) || databasePath;

try {
  const reason = process.argv.includes('--if-stale') ? staleReason(databasePath, seedDir) : 'a build was asked for';
  if (reason === null) {
    console.log(`database ${shown} is current`);
  } else {
    if (process.argv.includes('--if-stale')) console.log(`building database ${shown} because ${reason}`);
    const result = buildDatabase({ databasePath, seedDir });
    const counts = Object.entries(result.counts)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ');
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    console.log(`built ${shown}: ${counts} (content ${result.contentHash.slice(0, 12)})`);
  }
} catch (error) {
  console.error(error instanceof SeedValidationError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
