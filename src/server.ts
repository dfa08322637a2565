import { pino } from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ensureDatabase } from './db/ensure.js';
import { installGracefulShutdown } from './shutdown.js';

// Process entry: configuration, the database, the app, listen, graceful shutdown.
async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  try {
    ensureDatabase(config.DATABASE_PATH, logger, { force: config.REBUILD_DATABASE, seedDir: config.SEED_DIR });
  } catch (error) {
    logger.fatal(`cannot build the database at ${config.DATABASE_PATH}: ${(error as Error).message}`);
    process.exit(1);
  }

  const app = await buildApp(config, { logger: { level: config.LOG_LEVEL } });
  installGracefulShutdown(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
