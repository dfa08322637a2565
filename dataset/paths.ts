import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository root, found from this file so that tsx (dataset/) and compiled (dist/dataset/) runs agree.
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const seedDataDir = join(projectRoot, 'seed', 'data');
export const migrationsDir = join(projectRoot, 'migrations');
/** Where the server reads the database and `npm run seed` writes it, unless DATABASE_PATH says otherwise. */
export const defaultDatabasePath = join(projectRoot, 'data', 'sco.sqlite');
