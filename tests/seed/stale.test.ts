import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../seed/build.js';
import { staleReason } from '../../seed/stale.js';
import { copySeed, editSeed } from './copy.js';

// The database is a build artefact: `npm run seed -- --if-stale` (what `npm start` and `npm run dev`
// run first) builds it when it is missing, unreadable or built from other data, and keeps it otherwise.

let dir: string;
let seedDir: string;
let databasePath: string;
beforeEach(() => {
  ({ dir, seedDir } = copySeed('sco-stale-'));
  databasePath = join(dir, 'sco.sqlite');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string, to: string) {
  editSeed(seedDir, file, from, to);
}

describe('staleReason', () => {
  it('names a missing, an unreadable and a stale database, and passes a current one', () => {
    expect(staleReason(databasePath, seedDir)).toBe('it does not exist');
    writeFileSync(databasePath, 'not a database');
    expect(staleReason(databasePath, seedDir)).toMatch(/^it cannot be read \(file is not a database\)$/);
    buildDatabase({ databasePath, seedDir });
    expect(staleReason(databasePath, seedDir)).toBeNull();
    edit('dataset.yaml', 'title: SCO membership, summits and timeline', 'title: SCO membership (edited)');
    expect(staleReason(databasePath, seedDir)).toBe('it was built from other seed data or migrations');
  });
});

describe('npm run seed -- --if-stale', () => {
  const seed = () =>
    execFileSync(process.execPath, ['--import', 'tsx', 'seed/cli.ts', '--if-stale'], {
      env: { ...process.env, DATABASE_PATH: databasePath, SEED_DIR: seedDir },
      encoding: 'utf8',
    });

  it('builds a missing database, keeps a current one byte for byte, rebuilds after a data edit', () => {
    expect(seed()).toMatch(/^building database .*sco\.sqlite because it does not exist\nbuilt .*: 27 countries, /);
    const built = readFileSync(databasePath);
    expect(seed()).toMatch(/^database .*sco\.sqlite is current\n$/);
    expect(readFileSync(databasePath).equals(built), 'a current database is not rewritten').toBe(true);
    edit('dataset.yaml', 'title: SCO membership, summits and timeline', 'title: SCO membership (edited)');
    expect(seed()).toMatch(/because it was built from other seed data or migrations\nbuilt /);
    expect(staleReason(databasePath, seedDir)).toBeNull();
  }, 120_000);
});
