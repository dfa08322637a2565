import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';
import { generateOpenapiDocument } from './openapi-document.js';

// `npm run openapi`: writes the served OpenAPI document to openapi.json, for review and client generation.
writeFileSync(join(projectRoot, 'openapi.json'), `${JSON.stringify(await generateOpenapiDocument(), null, 2)}\n`);
console.log('wrote openapi.json');
