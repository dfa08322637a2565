import type Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import * as schema from '../../dataset/schema.js';
import { openSqlite } from '../../dataset/sqlite.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/** Opens the built database read-only: the server never writes while serving. */
export function openDatabase(path: string): DatabaseHandle {
  const sqlite = openSqlite(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('query_only = ON');
  return { db: drizzle(sqlite, { schema }), sqlite, close: () => sqlite.close() };
}
