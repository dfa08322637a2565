import { createRequire } from 'node:module';
import Database from 'better-sqlite3';

// better-sqlite3 finds its compiled addon with the `bindings` package, which probes about a dozen
// paths on the first open: some 5 ms of every start-up. Where the addon is where an install puts
// it, it is named instead (better-sqlite3's `nativeBinding` option); elsewhere `bindings` searches.
const addon = (() => {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    return undefined;
  }
})();

/** A better-sqlite3 connection: `new Database(path, options)`, with the addon named when it can be. */
export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, addon === undefined ? options : { ...options, nativeBinding: addon });
}
