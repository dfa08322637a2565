import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../seed/build.js';
import { SeedValidationError } from '../../seed/read.js';
import { copySeed, editSeed } from './copy.js';

// Keeping the dataset current: the rules that fail the seed (independent of the clock) and the staleness
// warnings (judged against an injected build date, never a failure).

let dir: string;
let seedDir: string;

beforeEach(() => {
  ({ dir, seedDir } = copySeed('sco-currency-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string, to: string) {
  editSeed(seedDir, file, from, to);
}

function build(now: string) {
  return buildDatabase({ databasePath: join(dir, 'sco.sqlite'), seedDir, now: new Date(`${now}T12:00:00Z`) });
}

function issues(): {
  file: string;
  field: string | null;
  record: string | null;
  line: number | null;
  message: string;
}[] {
  try {
    build('2026-12-02');
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues;
    throw error;
  }
  throw new Error('the seed should have failed');
}

const PAKISTAN_2027 = `- id: 2027-pakistan
  series: sco
  ordinal: 27
  city: null`;

describe('planned summits and verifiedThrough: errors', () => {
  it('fails a planned summit expected before verifiedThrough, naming file, record, field and line', () => {
    edit('summits.yaml', PAKISTAN_2027, `${PAKISTAN_2027}\n  expectedBy: 2026-08-31`);
    const [issue, ...rest] = issues();
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'summits.yaml', record: '#32 (id: 2027-pakistan)', field: 'expectedBy' });
    expect(issue?.message).toMatch(
      /^planned, but expected by 2026-08-31, before verifiedThrough 2026-09-04: record what happened/,
    );
    expect(issue?.line).toBeGreaterThan(600);
  });

  it('fails the situation of issue 14: Bishkek still planned when verifiedThrough is after its expected window', () => {
    const text = readFileSync(join(seedDir, 'summits.yaml'), 'utf8');
    const start = text.indexOf('- id: 2026-bishkek');
    const end = text.indexOf('# The 27th meeting');
    const planned = `- id: 2026-bishkek
  series: sco
  ordinal: 26
  city: "Bishkek"
  host: KG
  startDate: null
  endDate: null
  mode: null
  status: planned
  chairHandover: null
  expectedBy: 2026-10-31
  confidence: confirmed
  sources: [tass-2067289, qazinform-cholpon-ata-cultural-capital]

`;
    writeFileSync(join(seedDir, 'summits.yaml'), text.slice(0, start) + planned + text.slice(end));
    // Within its window, a planned summit is fine; after it, the build warns; past verifiedThrough, it fails.
    expect(build('2026-09-10').warnings).toEqual([]);
    expect(build('2026-11-05').warnings).toEqual([
      expect.stringMatching(
        /^summits\.yaml 2026-bishkek: planned, expected by 2026-10-31, but the build date is 2026-11-05\./,
      ),
    ]);
    edit('dataset.yaml', 'verifiedThrough: 2026-09-04', 'verifiedThrough: 2026-11-01');
    expect(issues().map((i) => [i.file, i.record, i.field])).toEqual([
      ['summits.yaml', '#31 (id: 2026-bishkek)', 'expectedBy'],
    ]);
  });

  it('fails a held summit that ends after verifiedThrough', () => {
    edit('dataset.yaml', 'verifiedThrough: 2026-09-04', 'verifiedThrough: 2026-08-31');
    const found = issues();
    expect(found.map((i) => [i.file, i.record, i.field])).toContainEqual([
      'summits.yaml',
      '#31 (id: 2026-bishkek)',
      'endDate',
    ]);
    expect(found.find((i) => i.field === 'endDate')?.message).toBe(
      'held after verifiedThrough 2026-08-31: move verifiedThrough',
    );
  });

  it('never guesses a city: a summit without one is {year}-{host}, and only a planned one may lack it', () => {
    edit('summits.yaml', '- id: 2027-pakistan', '- id: 2027-islamabad');
    expect(issues().map((i) => [i.field, i.message])).toEqual([
      ['id', 'a summit without a city is {year}-pakistan (the host), never a guessed city'],
    ]);
  });

  it('checks that a summit id names its city', () => {
    edit('summits.yaml', 'city: "Ufa"', 'city: "Kazan"');
    expect(issues().map((i) => [i.record, i.field, i.message])).toEqual([
      ['#20 (id: 2015-ufa)', 'id', 'expected {year}-kazan for the city Kazan'],
    ]);
  });
});

describe('staleness warnings: judged against the injected build date, never a failure', () => {
  it('warns about nothing on the day the data was reviewed', () => {
    expect(build('2026-12-02').warnings).toEqual([]);
  });

  it('warns when verifiedThrough is more than 120 days before the build date, and not at 120', () => {
    expect(build('2027-01-02').warnings).toEqual([]);
    const [warning, ...rest] = build('2027-01-03').warnings;
    expect(rest).toEqual([]);
    expect(warning).toMatch(
      /^dataset\.yaml verifiedThrough 2026-09-04 is 121 days before the build date 2027-01-03 \(more than 120\)\. Check for summits held, status decisions, chair handovers and applications since 2026-09-04/,
    );
  });

  it('warns about a planned summit expected before the build date, naming it and what to record', () => {
    const warnings = build('2028-01-01').warnings;
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^summits\.yaml 2027-pakistan: planned, expected by 2027-12-31, but the build date is 2028-01-01\. Check whether it was held; if so record its dates, mode, chair handover and status decisions/,
    );
    expect(warnings[1]).toMatch(/^dataset\.yaml verifiedThrough 2026-09-04 is 484 days/);
  });

  it('npm run seed prints the warnings and still succeeds (SOURCE_DATE_EPOCH sets the build date)', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'seed/cli.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: join(dir, 'out.sqlite'),
        SEED_DIR: seedDir,
        SOURCE_DATE_EPOCH: String(Date.parse('2028-01-01T00:00:00Z') / 1000),
      },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^built .*15 applications/m);
    expect(run.stderr).toMatch(/^warning: summits\.yaml 2027-pakistan: planned, expected by 2027-12-31/m);
    expect(run.stderr).toMatch(/^warning: dataset\.yaml verifiedThrough 2026-09-04 is 484 days/m);
  });
});

describe('applications.yaml rules', () => {
  it.each([
    [
      'id: am-member-2025',
      'id: am-membership-2025',
      'id',
      'expected am-member-2025 ({country}-{requested}-{year filed})',
    ],
    [
      'grantedPeriod: 2023-07-04',
      'grantedPeriod: 2023-07-05',
      'grantedPeriod',
      'a granted application has grantedPeriod equal to resolvedOn',
    ],
    [
      'resolvedBy: 2023-new-delhi',
      'resolvedBy: 2022-samarkand',
      'resolvedOn',
      'not within summit 2022-samarkand (2022-09-15..2022-09-16)',
    ],
    ['country: BD', 'country: QQ', 'country', 'QQ is not an ISO 3166-1 alpha-2 code'],
    ['filedOn: 2008-04-01', 'filedOn: 2008-04-02', 'filedOn', 'a date known to the month is stored as its first day'],
  ])('refuses %s -> %s', (from, to, field, message) => {
    edit('applications.yaml', from, to);
    const found = issues();
    expect(found.map((i) => [i.file, i.field, i.message])).toContainEqual(['applications.yaml', field, message]);
    expect(found.every((i) => i.line !== null && i.line > 1)).toBe(true);
  });

  it('refuses a granted application without the period it claims', () => {
    edit(
      'applications.yaml',
      'requested: dialogue_partner\n  filedOn: 2011-03-23',
      'requested: observer\n  filedOn: 2011-03-23',
    );
    const messages = issues().map((i) => i.message);
    expect(messages).toContain('no observer period of TR starts on 2012-06-07 (statuses.yaml)');
  });

  it('refuses a pending application with a resolution, and milestones out of order', () => {
    edit('applications.yaml', 'outcome: pending\n  resolvedOn: null', 'outcome: pending\n  resolvedOn: 2026-01-01');
    edit('applications.yaml', '    - date: 2021-09-17', '    - date: 2007-09-17');
    const found = issues().map((i) => [i.field, i.message]);
    expect(found).toContainEqual(['outcome', 'a pending application has no resolvedOn, resolvedBy or grantedPeriod']);
    expect(found).toContainEqual(['milestones.1.date', 'milestones must be listed oldest first']);
  });
});
