import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';
import { buildDatabase } from '../seed/build.js';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

// `npm run openapi`: writes the served OpenAPI document to openapi.json, for review and client generation.
const dir = mkdtempSync(join(tmpdir(), 'sco-openapi-'));
try {
  const databasePath = join(dir, 'sco.sqlite');
  buildDatabase({ databasePath });
  const app = await buildApp(loadConfig({ DATABASE_PATH: databasePath }));
  await app.ready();
  const response = await app.inject('/openapi.json');
  await app.close();
  if (response.statusCode !== 200) throw new Error(`/openapi.json answered ${response.statusCode}: ${response.body}`);
  writeFileSync(join(projectRoot, 'openapi.json'), `${JSON.stringify(response.json(), null, 2)}\n`);
  console.log('wrote openapi.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
