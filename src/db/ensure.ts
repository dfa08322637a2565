import { existsSync } from 'node:fs';
import { seedContentHash } from '../../seed/hash.js';
import { openSqlite } from './sqlite.js';

export interface EnsureLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Why the database at `path` cannot be served as it is, or null when it was built from the current seed. */
export function staleReason(path: string, expectedHash: string): string | null {
  if (!existsSync(path)) return 'it does not exist';
  try {
    const sqlite = openSqlite(path, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare('SELECT content_hash AS hash FROM dataset WHERE id = 1').get() as
        | { hash: string }
        | undefined;
      if (!row) return 'it has no dataset row';
      return row.hash === expectedHash ? null : 'it was built from other seed data or migrations';
    } finally {
      sqlite.close();
    }
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  }
}

/** Builds the database from seed/ when it is missing, unreadable or stale: it is derived data. */
export async function ensureDatabase(
  path: string,
  log: EnsureLogger,
  options: { force?: boolean; seedDir?: string } = {},
): Promise<'current' | 'built'> {
  const reason = options.force ? 'a rebuild was requested' : staleReason(path, seedContentHash(options.seedDir));
  if (reason === null) {
    log.info(`database ${path} is current`);
    return 'current';
  }
  log.warn(`building database ${path} from seed/ because ${reason}`);
  // Loaded only when needed: the builder pulls in the YAML parser, the migrator and every locale.
  const { buildDatabase } = await import('../../seed/build.js');
  const result = buildDatabase({ databasePath: path, seedDir: options.seedDir });
  for (const warning of result.warnings) log.warn(warning);
  log.info(`built database ${path} (content ${result.contentHash.slice(0, 12)})`);
  return 'built';
}
