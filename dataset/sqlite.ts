import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

// better-sqlite3 finds its compiled addon with the `bindings` package, which works out the package's
// folder from a stack trace and probes a list of paths on the first open, at every start-up. The
// addon is named instead (better-sqlite3's `nativeBinding` option): where an install puts it, or, for
// another layout (a debug build), where `bindings` finds it in better-sqlite3's folder.
function findAddon(): string {
  const require = createRequire(import.meta.url);
  try {
    return require.resolve('better-sqlite3/build/Release/better_sqlite3.node');
  } catch {
    const bindings = require('bindings') as (options: { bindings: string; module_root: string; path: true }) => string;
    return bindings({
      bindings: 'better_sqlite3.node',
      module_root: dirname(require.resolve('better-sqlite3/package.json')),
      path: true,
    });
  }
}
let addon: string | undefined;

/** A better-sqlite3 connection: `new Database(path, options)`, with the addon named. */
export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  addon ??= findAddon();
  return new Database(path, { ...options, nativeBinding: addon });
}
