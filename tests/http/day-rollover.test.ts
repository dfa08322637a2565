import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// A cached answer with the default asOf must not outlive its UTC day: the clock is moved across
// midnight with fake timers (only Date is faked, so sockets and Fastify's timers run normally),
// and the answers are read over a real connection, through the response cache in front of Fastify
// (no rate limit) and inside it (with one).
expectResponsesMatchDocument();

const BEFORE_MIDNIGHT = '2026-03-01T23:59:59.500Z';
const AT_MIDNIGHT = '2026-03-02T00:00:00.000Z';

describe.each([
  ['in front of Fastify', '0'],
  ['inside Fastify', '100000'],
])('the UTC midnight rollover with the response cache %s', (_where, rateLimitMax) => {
  let app: App;
  let base: string;
  beforeAll(async () => {
    app = await buildTestApp({ RATE_LIMIT_MAX: rateLimitMax });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${base}${path}`, { headers });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text ? JSON.parse(text) : null };
  }

  it('gives /v1/countries, /v1/countries/{code} and /v1/snapshots/latest the new day at 00:00:00Z, with new ETags', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(BEFORE_MIDNIGHT));
    const countries = await get('/v1/countries');
    const again = await get('/v1/countries');
    expect(countries.body.meta.asOf).toBe('2026-03-01');
    expect(again.etag, 'the same answer on the same day').toBe(countries.etag);
    const country = await get('/v1/countries/BY');
    expect(country.body.meta.asOf).toBe('2026-03-01');
    const latest = await get('/v1/snapshots/latest');
    expect(latest.body.data.date).toBe('2026-03-01');

    vi.setSystemTime(new Date(AT_MIDNIGHT));
    const next = await get('/v1/countries');
    expect(next.body.meta.asOf, 'the default asOf after midnight UTC').toBe('2026-03-02');
    expect(next.etag).not.toBe(countries.etag);
    const revalidated = await get('/v1/countries', { 'if-none-match': String(countries.etag) });
    expect(revalidated.status, "yesterday's ETag no longer matches").toBe(200);
    expect(revalidated.body.meta.asOf).toBe('2026-03-02');
    expect((await get('/v1/countries/BY')).body.meta.asOf).toBe('2026-03-02');
    expect((await get('/v1/snapshots/latest')).body.data.date).toBe('2026-03-02');
  });

  it('keeps the answer and the ETag of an explicit asOf across midnight', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(BEFORE_MIDNIGHT));
    const before = await get('/v1/countries?asOf=2024-07-04');
    vi.setSystemTime(new Date(AT_MIDNIGHT));
    const after = await get('/v1/countries?asOf=2024-07-04', { 'if-none-match': String(before.etag) });
    expect(after.status, 'the same representation: 304').toBe(304);
  });

  it('follows a clock set back to an earlier day', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(AT_MIDNIGHT));
    expect((await get('/v1/snapshots/latest')).body.data.date).toBe('2026-03-02');
    vi.setSystemTime(new Date('2026-02-27T12:00:00Z'));
    expect((await get('/v1/snapshots/latest')).body.data.date).toBe('2026-02-27');
    expect((await get('/v1/countries')).body.meta.asOf).toBe('2026-02-27');
  });
});
