import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDir as defaultMigrationsDir, seedDataDir as defaultSeedDir } from '../src/paths.js';
import { seedFileNames } from './vocabulary.js';

// Bump when deriveRows changes what it computes, so that databases built by older code are rebuilt.
const DERIVATION_VERSION = '1';

/**
 * The hash of everything a database is built from: data files, migrations and derivation rules.
 * Kept apart from the builder so that a server start that finds its database current loads no more.
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
