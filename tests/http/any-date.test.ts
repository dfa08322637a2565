import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getJson, useApp } from '../helpers.js';

// Every date of an interval between two membership changes gets the same list items, sorted once
// per order, the start of its JSON made and hashed once (http/respond.ts); only meta and links
// follow the request. These tests ask for dates on and around every change and check each answer against the periods
// themselves (from /v1/countries/{code}/statuses, which does not go through the date path).
const holder = useApp();

type Period = { country: string; status: string; from: string; to: string | null };

/** The ETag an answer must have, computed here: the dataset's hash, then SHA-256 of its media type and bytes. */
const etagOf = (response: { headers: Record<string, unknown>; rawPayload: Buffer }) =>
  `"${holder.app.repos.meta.info.contentHash.slice(0, 12)}-${createHash('sha256')
    .update(String(response.headers['content-type']))
    .update(response.rawPayload)
    .digest('hex')
    .slice(0, 24)}"`;

async function allPeriods(): Promise<Period[]> {
  const { body } = await getJson(holder.app, '/v1/countries?includeFormer=true&limit=100');
  const periods: Period[] = [];
  for (const { code } of body.data as { code: string }[]) {
    periods.push(...(await getJson(holder.app, `/v1/countries/${code}/statuses`)).body.data);
  }
  return periods;
}

const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10);

async function datesAroundChanges(periods: Period[]): Promise<string[]> {
  const edges = periods.flatMap((p) => (p.to ? [p.from, p.to] : [p.from]));
  return [...new Set(edges.flatMap((d) => [dayBefore(d), d, dayAfter(d)]))].sort();
}

describe('any date', () => {
  it('lists the countries with a status on each day around every change, with that day in meta and links', async () => {
    const periods = await allPeriods();
    expect(periods.length, 'the seed has status periods').toBeGreaterThan(40);
    for (const date of await datesAroundChanges(periods)) {
      const response = await holder.app.inject({ url: `/v1/countries?asOf=${date}&limit=100` });
      expect(response.statusCode).toBe(200);
      const body = JSON.parse(response.body);
      // The body is exactly what JSON.stringify gives for it: data, meta, links, in that order.
      expect(response.body, `${date}: the body is not plain JSON.stringify output`).toBe(JSON.stringify(body));
      // Its ETag hashes the whole answer, though only its end was hashed for this date.
      expect(response.headers.etag, `${date}: the ETag is not the hash of the answer`).toBe(etagOf(response));
      const holding = periods
        .filter((p) => p.from <= date && (p.to === null || p.to > date))
        .map((p) => `${p.country} ${p.status} ${p.from}`)
        .sort();
      const listed = (body.data as { code: string; status: string; statusSince: string }[]).map(
        (c) => `${c.code} ${c.status} ${c.statusSince}`,
      );
      expect(listed, `countries with a status on ${date}`).toEqual(holding);
      expect(body.meta.asOf).toBe(date);
      expect(body.links.self).toBe(`/v1/countries?asOf=${date}&limit=100`);
    }
  });

  it('answers changes and periods from each day around every change, and pages of them', async () => {
    const periods = await allPeriods();
    for (const date of await datesAroundChanges(periods)) {
      const changes = await getJson(holder.app, `/v1/changes?from=${date}&limit=100`);
      expect(
        (changes.body.data as { date: string; country: string }[]).map((c) => `${c.date} ${c.country}`),
        `changes from ${date}`,
      ).toEqual(
        periods
          .filter((p) => p.from >= date)
          .map((p) => `${p.from} ${p.country}`)
          .sort(),
      );
      const overlapping = periods
        .filter((p) => p.to === null || p.to > date)
        .map((p) => `${p.from} ${p.country}`)
        .sort();
      // Two pages of five: each its own slice, the total the same.
      for (const offset of [0, 5]) {
        const page = await getJson(holder.app, `/v1/statuses?from=${date}&limit=5&offset=${offset}`);
        expect(
          (page.body.data as Period[]).map((p) => `${p.from} ${p.country}`),
          `periods from ${date}, offset ${offset}`,
        ).toEqual(overlapping.slice(offset, offset + 5));
        expect(page.body.meta.total).toBe(overlapping.length);
      }
    }
  });

  it('gives pages of the same items under different limits, and pages past the end, their own links and ETags', async () => {
    // Asked twice each, so that the second answer is made from a kept page start.
    for (const url of [
      '/v1/countries?asOf=2024-07-04&limit=100',
      '/v1/countries?asOf=2024-07-04&limit=200',
      '/v1/countries?asOf=2024-07-04&limit=100',
      '/v1/countries?asOf=2024-07-04&limit=200',
      '/v1/countries?asOf=2024-07-04&limit=5&offset=900',
      '/v1/countries?asOf=2024-07-04&limit=5&offset=900',
    ]) {
      const response = await holder.app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      const body = JSON.parse(response.body);
      expect(response.body, `${url}: not plain JSON.stringify output`).toBe(JSON.stringify(body));
      expect(body.links.self, url).toBe(url);
      expect(response.headers.etag, `${url}: the ETag is not the hash of the answer`).toBe(etagOf(response));
      if (url.includes('offset=900')) expect(body.data, url).toEqual([]);
      else expect(body.data.length, url).toBe(body.meta.total);
    }
  });

  it('keeps the items it hands out unchangeable, so that no request alters the next answer', () => {
    const [period] = holder.app.repos.statuses.periods({});
    const [country] = holder.app.repos.countries.list({ asOf: '2024-07-04', lang: 'en' });
    expect(Object.isFrozen(period), 'a status period handed out is frozen').toBe(true);
    expect(Object.isFrozen(country), 'a country entry handed out is frozen').toBe(true);
  });
});
