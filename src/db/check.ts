import { existsSync } from 'node:fs';
import { openSqlite } from '../../dataset/sqlite.js';

/**
 * Why the database at `path` cannot be served, or null when it can: it exists, opens, and has its
 * dataset row. The database is a build artefact (`npm run seed`); the server never builds it.
 * Whether it is current for seed/data is the seed step's check (`npm run seed -- --if-stale`,
 * which `npm start` runs first), not the server's.
 */
export function databaseProblem(path: string): string | null {
  if (!existsSync(path)) return 'it does not exist';
  try {
    const sqlite = openSqlite(path, { readonly: true, fileMustExist: true });
    try {
      const row = sqlite.prepare('SELECT content_hash FROM dataset WHERE id = 1').get();
      return row === undefined ? 'it has no dataset row' : null;
    } finally {
      sqlite.close();
    }
  } catch (error) {
    return `it cannot be read (${(error as Error).message})`;
  }
}
