import { loadConfig } from '../src/config.js';
import { buildDatabase } from './build.js';
import { SeedValidationError } from './read.js';

// `npm run seed`: validates seed/data and builds DATABASE_PATH; exit 1 with every problem listed.
try {
  const { DATABASE_PATH, SEED_DIR } = loadConfig();
  const result = buildDatabase({ databasePath: DATABASE_PATH, seedDir: SEED_DIR });
  const counts = Object.entries(result.counts)
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  for (const warning of result.warnings) console.warn(`warning: ${warning}`);
  console.log(`built ${result.databasePath}: ${counts} (content ${result.contentHash.slice(0, 12)})`);
} catch (error) {
  console.error(error instanceof SeedValidationError ? error.message : `seed failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
