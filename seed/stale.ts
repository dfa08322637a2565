import { existsSync } from 'node:fs';
import { seedContentHash } from '../dataset/hash.js';
import { openSqlite } from '../dataset/sqlite.js';

/**
 * Why the database at `path` must be built again, or null when it was built from the data files,
 * migrations and derivation rules found now (the dataset row keeps their hash).
 */
export function staleReason(path: string, seedDir?: string, migrationsDir?: string): string | null {
  if (!existsSync(path)) return 'it does not exist';
  let stored: string | undefined;
  try {
    const sqlite = openSqlite(path, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare('SELECT content_hash AS hash FROM dataset WHERE id = 1').get() as
        | { hash: string }
        | undefined;
      if (!row) return 'it has no dataset row';
      stored = row.hash;
    } finally {
      sqlite.close();
    }
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  }
  return stored === seedContentHash(seedDir, migrationsDir) ? null : 'it was built from other seed data or migrations';
}
