import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { seedDataDir } from '../../dataset/paths.js';
import { useApp } from '../helpers.js';

const qid = /^Q[1-9][0-9]*$/;
const readSeed = (file: string) => parse(readFileSync(join(seedDataDir, file), 'utf8'));

// QIDs stated here independently of the data files: checked against Wikidata-derived public tables.
const expected: Record<string, string> = { CN: 'Q148', RU: 'Q159', IN: 'Q668', BY: 'Q184', LA: 'Q819', TR: 'Q43' };

describe('the curated Wikidata identifiers', () => {
  const countries = readSeed('countries.yaml') as { code: string; wikidata?: string }[];
  const summits = readSeed('summits.yaml') as { id: string; wikidata?: string }[];
  const dataset = readSeed('dataset.yaml') as { wikidata?: string };
  const records = [
    { record: 'the organisation (dataset.yaml)', wikidata: dataset.wikidata },
    ...countries.map((c) => ({ record: `country ${c.code}`, wikidata: c.wikidata })),
    ...summits.filter((s) => s.wikidata !== undefined).map((s) => ({ record: `summit ${s.id}`, wikidata: s.wikidata })),
  ];

  it('gives every country and the organisation a well-formed QID', () => {
    const malformed = records.filter((r) => typeof r.wikidata !== 'string' || !qid.test(r.wikidata));
    expect(malformed, 'records without a QID of the form Q + digits').toEqual([]);
    expect(countries).toHaveLength(27);
  });

  it('never gives two records the same QID', () => {
    const byQid = new Map<string, string[]>();
    for (const r of records) byQid.set(String(r.wikidata), [...(byQid.get(String(r.wikidata)) ?? []), r.record]);
    const shared = [...byQid].filter(([, holders]) => holders.length > 1);
    expect(shared, 'QIDs held by more than one record').toEqual([]);
  });
});

describe('wikidata in the API', () => {
  const holder = useApp();

  it('GET /v1/countries/CN has wikidata Q148, and the other countries theirs', async () => {
    for (const [code, wikidata] of Object.entries(expected)) {
      const res = await holder.app.inject(`/v1/countries/${code}`);
      expect(res.json().data.wikidata, `${code}'s QID`).toBe(wikidata);
    }
  });

  it('lists every country with its QID, in JSON and in CSV', async () => {
    const json = (await holder.app.inject('/v1/countries?includeFormer=true&limit=500')).json();
    expect(json.data).toHaveLength(27);
    for (const country of json.data) expect(country.wikidata, country.code).toMatch(qid);
    const csv = await holder.app.inject('/v1/countries?includeFormer=true&limit=500&format=csv');
    const rows = parseCsv(csv.body, { columns: true }) as { code: string; wikidata: string }[];
    expect(Object.fromEntries(rows.map((r) => [r.code, r.wikidata]))).toMatchObject(expected);
  });

  it('carries the QIDs in the downloads', async () => {
    const csv = await holder.app.inject('/v1/download/countries.csv');
    const rows = parseCsv(csv.body, { columns: true }) as { code: string; wikidata: string }[];
    expect(rows).toHaveLength(27);
    expect(Object.fromEntries(rows.map((r) => [r.code, r.wikidata]))).toMatchObject(expected);
    const document = (await holder.app.inject('/v1/download/sco.json')).json();
    expect(document.dataset.wikidata).toBe('Q485207');
    expect(document.countries.find((c: { code: string }) => c.code === 'CN').wikidata).toBe('Q148');
  });

  it('gives the organisation its QID in /v1/meta', async () => {
    expect((await holder.app.inject('/v1/meta')).json().data.wikidata).toBe('Q485207');
  });

  it('answers null for a summit without a verified item rather than a guess', async () => {
    const summit = (await holder.app.inject('/v1/summits/2024-astana')).json().data;
    expect(summit).toHaveProperty('wikidata', null);
  });
});
