import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ensureDatabase } from './db/ensure.js';
import { installGracefulShutdown } from './shutdown.js';

/**
 * The process: configuration, the app, listen, then the database, and graceful shutdown.
 * Listens first (liveness answers at once, readiness 503), then builds the database if needed and opens it.
 * `note` is logged once ready: how the code was loaded (see src/boot.ts).
 */
export async function startServer(note?: string) {
  const config = loadConfig();
  const app = await buildApp(config, { logger: { level: config.LOG_LEVEL }, deferDatabase: true });
  installGracefulShutdown(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  try {
    await ensureDatabase(config.DATABASE_PATH, app.log, { force: config.REBUILD_DATABASE, seedDir: config.SEED_DIR });
    app.openDatabase();
  } catch (error) {
    app.log.fatal(`cannot build or open the database at ${config.DATABASE_PATH}: ${(error as Error).message}`);
    await app.close();
    process.exit(1);
  }
  app.log.info(`ready: dataset ${app.repos.meta.info.version} from ${config.DATABASE_PATH}${note ? `; ${note}` : ''}`);
  return app;
}

/**
 * What start-up runs, without a port or a database: the build runs it once to record V8's code
 * cache of the bundle, so that the functions start-up calls are compiled already (src/boot.ts).
 */
export async function warmUp() {
  const app = await buildApp(loadConfig(), { logger: { level: 'silent' }, deferDatabase: true });
  await app.ready();
  // The liveness answer, through every hook, as the first request after start-up takes it.
  await app.inject({ url: '/healthz' });
  await app.close();
}

/** For the process entries (src/main.ts, src/boot.ts): a configuration error is one line, anything else a trace. */
export function exitOnStartError(error: unknown): never {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
