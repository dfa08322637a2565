import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { databaseProblem } from './db/check.js';
import { serverLogStream, warnOfDroppedLines } from './http/logging.js';
import type { BuiltDocument } from './plugins/openapi.js';
import { installGracefulShutdown } from './shutdown.js';

/** Why the server cannot start, said in one line (no stack trace). */
export class StartError extends Error {}

/**
 * The process: configuration, the database check, the app, listen, and graceful shutdown. The
 * server only opens the database, read-only: `npm run seed` builds it (`npm start` runs the seed
 * step first, and the image builds it at build time).
 */
export async function startServer() {
  const config = loadConfig();
  const problem = databaseProblem(config.DATABASE_PATH);
  if (problem) {
    throw new StartError(
      `cannot serve the database ${config.DATABASE_PATH}: ${problem}; build it with \`npm run seed\``,
    );
  }
  const logStream = serverLogStream();
  const app = await buildApp(config, {
    logger: { level: config.LOG_LEVEL, stream: logStream },
    openapiDocument: builtOpenapiDocument(),
  });
  warnOfDroppedLines(logStream, app.log);
  installGracefulShutdown(app, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(`ready: dataset ${app.repos.meta.info.version} from ${config.DATABASE_PATH}`);
  return app;
}

/**
 * The OpenAPI document that `npm run build` generated from the routes and wrote beside the server
 * bundle (dist/server/openapi.json and openapi.yaml, see scripts/bundle.mjs): the bundled server
 * serves it rather than loading the generator at every start. From src/ (`npm run dev`) there is
 * none: the app generates it.
 */
function builtOpenapiDocument(): BuiltDocument | undefined {
  const file = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  if (!existsSync(file('openapi.json')) || !existsSync(file('openapi.yaml'))) return undefined;
  return {
    json: JSON.parse(readFileSync(file('openapi.json'), 'utf8')),
    yaml: readFileSync(file('openapi.yaml'), 'utf8'),
  };
}

/** For the process entry (src/main.ts): a configuration or database error is one line, anything else a trace. */
export function exitOnStartError(error: unknown): never {
  console.error(error instanceof ConfigError || error instanceof StartError ? error.message : error);
  process.exit(1);
}
