import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildDatabase } from '../seed/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databasePath: string;
  }
}

// One database built from the real seed data, shared read-only by every test file.
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'sco-api-test-'));
  const databasePath = join(dir, 'sco.sqlite');
  buildDatabase({ databasePath });
  project.provide('databasePath', databasePath);
  return () => rmSync(dir, { recursive: true, force: true });
}
