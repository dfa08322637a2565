import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../seed/build.js';
import { SeedValidationError } from '../../seed/read.js';
import { copySeed, editSeed } from './copy.js';

let dir: string;
let seedDir: string;

beforeEach(() => {
  ({ dir, seedDir } = copySeed('sco-seed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string, to: string) {
  editSeed(seedDir, file, from, to);
}

function seedIssues(): SeedValidationError['issues'] {
  try {
    buildDatabase({ databasePath: join(dir, 'sco.sqlite'), seedDir });
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues;
    throw error;
  }
  throw new Error('the seed should have failed');
}

describe('seed validation', () => {
  it('names file, record, field and line of an impossible date', () => {
    edit('statuses.yaml', 'from: 2024-07-04', 'from: 2024-02-30');
    const [issue, ...rest] = seedIssues();
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      file: 'statuses.yaml',
      record: expect.stringMatching(/^#\d+ \(country: BY\)$/),
      field: 'from',
      message: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists',
    });
    expect(issue?.line).toBeGreaterThan(1);
  });

  it('names an unknown status and an unknown field', () => {
    edit('statuses.yaml', 'status: observer', 'status: guest');
    edit('summits.yaml', 'city: "Astana"', 'city: "Astana"\n  capital: true');
    const issues = seedIssues();
    expect(issues.map((i) => [i.file, i.field])).toEqual([
      ['statuses.yaml', 'status'],
      ['summits.yaml', null],
    ]);
    expect(issues[1]?.message).toBe('unknown field(s): capital');
    expect(issues[1]?.record).toMatch(/\(id: \d{4}-astana\)$/);
  });

  it('finds references that do not resolve', () => {
    edit('statuses.yaml', 'decidedAt: 2024-astana', 'decidedAt: 2024-paris');
    const [issue] = seedIssues();
    expect(issue).toMatchObject({
      file: 'statuses.yaml',
      field: 'decidedAt',
      message: 'unknown summit 2024-paris (not in summits.yaml)',
    });
  });

  // Every rule, overlapping periods included, has its own edit in rules.test.ts.
  it('finds periods of one country listed out of order', () => {
    edit('statuses.yaml', 'from: 2024-07-04', 'from: 2015-07-10');
    const messages = seedIssues().map((i) => i.message);
    expect(messages).toContain('periods of BY must be listed oldest first');
  });

  it('refuses a confirmed fact with a single source', () => {
    const path = join(seedDir, 'statuses.yaml');
    const text = readFileSync(path, 'utf8').replace(
      /(country: CN\n(?:.*\n)*?\s+confidence: confirmed\n\s+sources: )\[[^\]]*\]/,
      '$1[article-fr-astana-2024]',
    );
    writeFileSync(path, text);
    const [issue] = seedIssues();
    expect(issue).toMatchObject({
      file: 'statuses.yaml',
      field: 'sources',
      message: 'confidence is confirmed but fewer than two sources are cited',
    });
    expect(issue?.record).toMatch(/\(country: CN\)$/);
  });

  it('reports broken YAML with its line', () => {
    writeFileSync(join(seedDir, 'events.yaml'), '- id: x\n  date: [unclosed\n');
    const [issue] = seedIssues();
    expect(issue).toMatchObject({ file: 'events.yaml', line: expect.any(Number) });
    expect(issue?.message).toMatch(/^not valid YAML/);
  });
});

describe('atomic build', () => {
  it('leaves the previous database byte for byte after a failed seed, and no temp file', () => {
    const databasePath = join(dir, 'sco.sqlite');
    buildDatabase({ databasePath, seedDir });
    const before = readFileSync(databasePath);
    edit('summits.yaml', 'host: KZ', 'host: XX');
    expect(() => buildDatabase({ databasePath, seedDir })).toThrow(SeedValidationError);
    expect(readFileSync(databasePath).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['data', 'sco.sqlite']);
  });

  it('npm run seed exits 1 and lists the problem with file, record and field', () => {
    edit('countries.yaml', 'iso3: BLR', 'iso3: BL');
    let output = '';
    let code = 0;
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'seed/cli.ts'], {
        env: { ...process.env, DATABASE_PATH: join(dir, 'out.sqlite'), SEED_DIR: seedDir },
        stdio: 'pipe',
      });
    } catch (error) {
      const failure = error as { status: number; stderr: Buffer };
      code = failure.status;
      output = failure.stderr.toString();
    }
    expect(code).toBe(1);
    expect(output).toMatch(
      /countries\.yaml:\d+ #\d+ \(code: BY\) iso3: expected an ISO 3166-1 alpha-3 code in upper case/,
    );
  });
});
