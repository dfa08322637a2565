import type { OpenAPIV3_1 } from 'openapi-types';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

/**
 * The OpenAPI document, generated from the routes' Zod schemas (src/plugins/openapi.ts) exactly as
 * the app built from src/ serves it at /openapi.json. The app is built without opening a database:
 * the document does not depend on the data. Used by `npm run openapi` (the committed openapi.json)
 * and by scripts/bundle.mjs (dist/server/openapi.json, which the bundled server serves).
 */
export async function generateOpenapiDocument(): Promise<OpenAPIV3_1.Document> {
  const app = await buildApp(loadConfig({}), { deferDatabase: true });
  try {
    await app.ready();
    return app.swagger() as OpenAPIV3_1.Document;
  } finally {
    await app.close();
  }
}
