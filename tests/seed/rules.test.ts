import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDataDir } from '../../dataset/paths.js';
import { buildDatabase } from '../../seed/build.js';
import { type SeedIssue, SeedValidationError } from '../../seed/read.js';

// One edit of the real seed data per validation rule (seed/schema.ts, seed/validate.ts), and the
// one issue it must produce. The expected line and record are worked out here from the edit: the
// line of `at` in the edited text, and the number of the record (top-level "- " item) it sits in.

let dir: string;
let seedDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sco-seed-rules-'));
  seedDir = join(dir, 'data');
  cpSync(seedDataDir, seedDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Rule {
  rule: string;
  file: string;
  /** Replaced once (its only occurrence), or null to append `to` as a new record at the end. */
  from: string | null;
  to: string;
  /** The text on the line the issue must point at, inside `to`. */
  at: string;
  /** The record's label, e.g. `country: BY`, or null for a file that is one object. */
  key: string | null;
  field: string | null;
  message: string;
}

const rules: Rule[] = [
  // seed/validate.ts: the rules across records.
  {
    rule: 'a duplicate country code',
    file: 'countries.yaml',
    from: null,
    to: '- code: CN\n  iso3: CHX\n  wikidata: Q99999901\n',
    at: '- code: CN',
    key: 'code: CN',
    field: 'code',
    message: 'duplicate code CN',
  },
  {
    rule: 'a duplicate alpha-3 code',
    file: 'countries.yaml',
    from: null,
    to: '- code: XA\n  iso3: CHN\n  wikidata: Q99999902\n',
    at: 'iso3: CHN',
    key: 'code: XA',
    field: 'iso3',
    message: 'duplicate iso3 CHN',
  },
  {
    rule: 'a duplicate source id',
    file: 'sources.yaml',
    from: null,
    to: '- id: photius-sco\n  title: "Again"\n  publisher: "photius.com"\n  url: null\n  language: en\n  publishedOn: null\n',
    at: '- id: photius-sco',
    key: 'id: photius-sco',
    field: 'id',
    message: 'duplicate source id photius-sco',
  },
  {
    rule: 'an unknown source',
    file: 'statuses.yaml',
    from: 'sources: [gandhara-27122419, rt-311526, newsby-qingdao-summit]',
    to: 'sources: [gandhara-27122419, no-such-source, newsby-qingdao-summit]',
    at: 'sources:',
    key: 'country: BY',
    field: 'sources.1',
    message: 'unknown source no-such-source (not in sources.yaml)',
  },
  {
    rule: 'a source listed twice',
    file: 'statuses.yaml',
    from: 'sources: [gandhara-27122419, rt-311526, newsby-qingdao-summit]',
    to: 'sources: [gandhara-27122419, rt-311526, gandhara-27122419]',
    at: 'sources:',
    key: 'country: BY',
    field: 'sources',
    message: 'lists a source twice',
  },
  {
    rule: 'confirmed with one source',
    file: 'statuses.yaml',
    from: 'sources: [gandhara-27122419, rt-311526, newsby-qingdao-summit]',
    to: 'sources: [gandhara-27122419]',
    at: 'sources:',
    key: 'country: BY',
    field: 'sources',
    message: 'confidence is confirmed but fewer than two sources are cited',
  },
  {
    rule: 'a duplicate summit id',
    file: 'summits.yaml',
    from: null,
    to: [
      '- id: 2024-astana',
      '  series: sco',
      '  ordinal: 99',
      '  city: "Astana"',
      '  host: KZ',
      '  startDate: 2024-07-03',
      '  endDate: 2024-07-04',
      '  mode: in_person',
      '  status: held',
      '  chairHandover: null',
      '  confidence: single_source',
      '  sources: [photius-sco]',
      '',
    ].join('\n'),
    at: '- id: 2024-astana',
    key: 'id: 2024-astana',
    field: 'id',
    message: 'duplicate summit id 2024-astana',
  },
  {
    rule: 'a duplicate ordinal in a series',
    file: 'summits.yaml',
    from: 'ordinal: 24',
    to: 'ordinal: 23',
    at: 'ordinal:',
    key: 'id: 2024-astana',
    field: 'ordinal',
    message: 'duplicate ordinal in sco',
  },
  {
    rule: 'an unknown host',
    file: 'summits.yaml',
    from: 'host: KZ\n  startDate: 2024-07-03',
    to: 'host: XK\n  startDate: 2024-07-03',
    at: 'host:',
    key: 'id: 2024-astana',
    field: 'host',
    message: 'unknown country XK (not in countries.yaml)',
  },
  {
    rule: 'a held summit without a start date',
    file: 'summits.yaml',
    from: 'startDate: 2024-07-03',
    to: 'startDate: null',
    at: 'startDate:',
    key: 'id: 2024-astana',
    field: 'startDate',
    message: 'a held summit needs it',
  },
  {
    rule: 'a summit that ends before it starts',
    file: 'summits.yaml',
    from: 'startDate: 2020-11-10\n  endDate: 2020-11-10',
    to: 'startDate: 2020-11-10\n  endDate: 2020-11-09',
    at: 'endDate:',
    key: 'id: 2020-moscow',
    field: 'endDate',
    message: 'ends before it starts',
  },
  {
    rule: "an id whose year is not the start date's",
    file: 'summits.yaml',
    from: 'startDate: 2020-11-10\n  endDate: 2020-11-10',
    to: 'startDate: 2021-11-10\n  endDate: 2021-11-10',
    at: '- id: 2020-moscow',
    key: 'id: 2020-moscow',
    field: 'id',
    message: "the id's year differs from startDate 2021-11-10",
  },
  {
    rule: 'a chair handover at a summit not held',
    file: 'summits.yaml',
    from: 'status: held\n  chairHandover:\n    from: KZ\n    to: CN\n    period: "2024-2025"',
    // Expected after verifiedThrough, so that the planned summit is not also a stale one.
    to: 'status: planned\n  expectedBy: 2027-12-31\n  chairHandover:\n    from: KZ\n    to: CN\n    period: "2024-2025"',
    // A block value is located at its first line.
    at: '    from: KZ',
    key: 'id: 2024-astana',
    field: 'chairHandover',
    message: 'only a held summit hands over',
  },
  {
    rule: 'a chair handed to an unknown country',
    file: 'summits.yaml',
    from: 'to: CN\n    period: "2024-2025"',
    to: 'to: XK\n    period: "2024-2025"',
    at: 'to: XK',
    key: 'id: 2024-astana',
    field: 'chairHandover.to',
    message: 'unknown country XK (not in countries.yaml)',
  },
  {
    rule: 'a status of an unknown country',
    file: 'statuses.yaml',
    from: null,
    to: '- country: XK\n  status: member\n  from: 2024-07-04\n  decidedAt: null\n  confidence: single_source\n  sources: [photius-sco]\n',
    at: '- country: XK',
    key: 'country: XK',
    field: 'country',
    message: 'unknown country XK (not in countries.yaml)',
  },
  {
    rule: 'a period before the founding',
    file: 'statuses.yaml',
    from: '- country: BY\n  status: dialogue_partner\n  from: 2009-06-16\n  decidedAt: 2009-yekaterinburg',
    to: '- country: BY\n  status: dialogue_partner\n  from: 2001-06-14\n  decidedAt: null',
    at: 'from:',
    key: 'country: BY',
    field: 'from',
    message: "before the SCO's founding on 2001-06-15",
  },
  {
    rule: 'a partner before 2025-09-01',
    file: 'statuses.yaml',
    from: '- country: AE\n  status: partner\n  from: 2025-09-01',
    to: '- country: AE\n  status: partner\n  from: 2025-08-31',
    at: 'status: partner',
    key: 'country: AE',
    field: 'status',
    message: 'partner exists only since 2025-09-01',
  },
  {
    rule: 'a period that ends on the day it starts',
    file: 'statuses.yaml',
    from: 'from: 2024-07-04\n  decidedAt: 2024-astana',
    to: 'from: 2024-07-04\n  to: 2024-07-04\n  decidedAt: 2024-astana',
    at: 'to:',
    key: 'country: BY',
    field: 'to',
    message: 'ends on or before it starts',
  },
  {
    rule: 'a memorandum date without its precision',
    file: 'statuses.yaml',
    from: 'formalizedOn: 2010-04-01\n  formalizedPrecision: month',
    to: 'formalizedOn: 2010-04-01\n  formalizedPrecision: null',
    at: 'formalizedPrecision:',
    key: 'country: BY',
    field: 'formalizedPrecision',
    message: 'formalizedOn and formalizedPrecision go together',
  },
  {
    rule: 'a memorandum date on an observer',
    file: 'statuses.yaml',
    from: 'from: 2015-07-10\n  decidedAt: 2015-ufa\n  formalizedOn: null\n  formalizedPrecision: null',
    to: 'from: 2015-07-10\n  decidedAt: 2015-ufa\n  formalizedOn: 2016-01-01\n  formalizedPrecision: day',
    at: 'formalizedOn:',
    key: 'country: BY',
    field: 'formalizedOn',
    message: 'only a dialogue partner status is formalised by memorandum',
  },
  {
    rule: 'a decision at an unknown summit',
    file: 'statuses.yaml',
    from: 'decidedAt: 2024-astana',
    to: 'decidedAt: 2024-paris',
    at: 'decidedAt:',
    key: 'country: BY',
    field: 'decidedAt',
    message: 'unknown summit 2024-paris (not in summits.yaml)',
  },
  {
    rule: "a decision outside its summit's dates",
    file: 'statuses.yaml',
    // Mongolia's observer status: no application rests on its date.
    from: 'from: 2004-06-17\n  decidedAt: 2004-tashkent',
    to: 'from: 2004-06-18\n  decidedAt: 2004-tashkent',
    at: 'from:',
    key: 'country: MN',
    field: 'from',
    message: 'not within summit 2004-tashkent (2004-06-17..2004-06-17)',
  },
  {
    rule: 'periods out of order',
    file: 'statuses.yaml',
    from: '- country: BY\n  status: observer\n  from: 2015-07-10\n  decidedAt: 2015-ufa',
    to: '- country: BY\n  status: observer\n  from: 2009-01-01\n  decidedAt: null',
    at: 'from:',
    key: 'country: BY',
    field: 'from',
    message: 'periods of BY must be listed oldest first',
  },
  {
    rule: 'overlapping periods',
    file: 'statuses.yaml',
    from: '- country: BY\n  status: dialogue_partner\n  from: 2009-06-16\n  decidedAt: 2009-yekaterinburg',
    to: '- country: BY\n  status: dialogue_partner\n  from: 2009-06-16\n  to: 2015-07-11\n  decidedAt: 2009-yekaterinburg',
    // Reported on the later period, whose start falls inside the earlier one.
    at: 'from: 2015-07-10',
    key: 'country: BY',
    field: 'from',
    message: 'overlaps the previous period of BY',
  },
  {
    rule: 'a duplicate event id',
    file: 'events.yaml',
    from: '- id: 2001-06-14-uzbekistan-joins-shanghai-five',
    to: '- id: 1996-04-26-shanghai-five-founded',
    at: '- id: 1996-04-26-shanghai-five-founded',
    key: 'id: 1996-04-26-shanghai-five-founded',
    field: 'id',
    message: 'duplicate event id 1996-04-26-shanghai-five-founded',
  },
  {
    rule: 'an event at an unknown summit',
    file: 'events.yaml',
    from: 'summit: 2001-shanghai\n  countries: [UZ]',
    to: 'summit: 2001-paris\n  countries: [UZ]',
    at: 'summit:',
    key: 'id: 2001-06-14-uzbekistan-joins-shanghai-five',
    field: 'summit',
    message: 'unknown summit 2001-paris (not in summits.yaml)',
  },
  {
    rule: 'an event naming an unknown country',
    file: 'events.yaml',
    from: 'summit: 2001-shanghai\n  countries: [UZ]',
    to: 'summit: 2001-shanghai\n  countries: [XK]',
    at: 'countries:',
    key: 'id: 2001-06-14-uzbekistan-joins-shanghai-five',
    field: 'countries.0',
    message: 'unknown country XK (not in countries.yaml)',
  },
  // seed/schema.ts: the shape of each record.
  {
    rule: 'an impossible date',
    file: 'statuses.yaml',
    from: 'from: 2024-07-04',
    to: 'from: 2024-02-30',
    at: 'from:',
    key: 'country: BY',
    field: 'from',
    message: 'expected an RFC 3339 full date (YYYY-MM-DD) that exists',
  },
  {
    rule: 'a lower-case country code',
    file: 'statuses.yaml',
    from: '- country: BY\n  status: member',
    to: '- country: by\n  status: member',
    at: '- country: by',
    key: 'country: by',
    field: 'country',
    message: 'expected an ISO 3166-1 alpha-2 code in upper case',
  },
  {
    rule: 'a two-letter alpha-3 code',
    file: 'countries.yaml',
    from: 'iso3: KAZ',
    to: 'iso3: KZ',
    at: 'iso3:',
    key: 'code: KZ',
    field: 'iso3',
    message: 'expected an ISO 3166-1 alpha-3 code in upper case',
  },
  {
    rule: 'a reference that is not a slug',
    file: 'statuses.yaml',
    from: 'decidedAt: 2024-astana',
    to: 'decidedAt: 2024_Astana',
    at: 'decidedAt:',
    key: 'country: BY',
    field: 'decidedAt',
    message: 'expected a lowercase slug (a-z, 0-9, single hyphens)',
  },
  {
    rule: 'a fact without a source',
    file: 'statuses.yaml',
    from: 'sources: [gandhara-27122419, rt-311526, newsby-qingdao-summit]',
    to: 'sources: []',
    at: 'sources:',
    key: 'country: BY',
    field: 'sources',
    message: 'every fact needs at least one source',
  },
  {
    rule: 'a chair period not written as two years',
    file: 'summits.yaml',
    from: 'period: "2024-2025"',
    to: 'period: "2024-25"',
    at: 'period:',
    key: 'id: 2024-astana',
    field: 'chairHandover.period',
    message: 'expected a period such as 2024-2025',
  },
  {
    rule: 'an unknown status',
    file: 'statuses.yaml',
    from: '- country: BY\n  status: member',
    to: '- country: BY\n  status: guest',
    at: 'status: guest',
    key: 'country: BY',
    field: 'status',
    message: 'Invalid option: expected one of "member"|"observer"|"dialogue_partner"|"partner"',
  },
  {
    rule: 'a dataset version that is not semantic',
    file: 'dataset.yaml',
    from: 'version: 1.1.0',
    to: 'version: "1.0"',
    at: 'version:',
    key: null,
    field: 'version',
    message: 'expected a semantic version such as 1.0.0',
  },
];

/** Applies the edit; returns the issue it must produce, its line and record worked out from the edited text. */
function apply({ file, from, to, at, key, field, message }: Rule): SeedIssue {
  const path = join(seedDir, file);
  const text = readFileSync(path, 'utf8');
  let position: number;
  let edited: string;
  if (from === null) {
    const base = text.endsWith('\n') ? text : `${text}\n`;
    position = base.length;
    edited = `${base}${to}`;
  } else {
    position = text.indexOf(from);
    expect(position, `${file} should contain ${JSON.stringify(from)}`).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(from, position + 1), `${JSON.stringify(from)} should occur once in ${file}`).toBe(-1);
    edited = text.slice(0, position) + to + text.slice(position + from.length);
  }
  writeFileSync(path, edited);
  // The first `at` from the edit on, else the last before it (the record's first line).
  const after = edited.indexOf(at, position);
  const atPosition = after >= 0 ? after : edited.lastIndexOf(at, position);
  expect(atPosition, `${JSON.stringify(at)} should be in ${file}`).toBeGreaterThanOrEqual(0);
  const line = edited.slice(0, atPosition).split('\n').length;
  const recordNumber = (edited.slice(0, atPosition + 2).match(/^- /gm) ?? []).length;
  return { file, line, record: key === null ? null : `#${recordNumber} (${key})`, field, message };
}

function seedIssues(): SeedIssue[] {
  try {
    buildDatabase({ databasePath: join(dir, 'sco.sqlite'), seedDir });
  } catch (error) {
    if (error instanceof SeedValidationError) return error.issues;
    throw error;
  }
  throw new Error('the seed should have been refused');
}

describe('each seed validation rule, one edit each', () => {
  it.each(rules.map((rule) => [rule.rule, rule] as const))('%s', (_name, rule) => {
    const expected = apply(rule);
    expect(seedIssues()).toEqual([expected]);
  });
});
