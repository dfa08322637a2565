import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir as defaultMigrationsDir, seedDataDir as defaultSeedDir } from './paths.js';
import { seedFileNames } from './vocabulary.js';

// Bump when deriveRows changes what it computes, so that databases built by older code are rebuilt.
const DERIVATION_VERSION = '1';

/**
 * The hash of everything a database is built from: data files, migrations and derivation rules.
 * The builder stores it in the dataset row; `npm run seed -- --if-stale` compares it with the files.
 */
export function seedContentHash(seedDir = defaultSeedDir, migrationsDir = defaultMigrationsDir): string {
  const hash = createHash('sha256').update(`derivation ${DERIVATION_VERSION}\0`);
  for (const file of [...seedFileNames].sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(seedDir, file)))
      .update('\0');
  }
  for (const file of readdirSync(migrationsDir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(migrationsDir, file)))
      .update('\0');
  }
  return hash.digest('hex');
}
