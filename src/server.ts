import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ensureDatabase } from './db/ensure.js';
import { installGracefulShutdown } from './shutdown.js';

// Process entry: configuration, the database, the app, listen, graceful shutdown.
async function main() {
  const config = loadConfig();
  // Listen first (liveness answers at once, readiness 503), then build the database if needed and open it.
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
  app.log.info(`ready: dataset ${app.repos.meta.info.version} from ${config.DATABASE_PATH}`);
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
