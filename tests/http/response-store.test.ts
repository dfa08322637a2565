import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dateOffsets, notModified, ResponseStore } from '../../src/http/response-store.js';

describe('ResponseStore.key: what makes two requests the same answer', () => {
  const store = new ResponseStore(false);
  // The day in the key is the UTC date of the clock, stated here rather than computed by the code under test.
  const day = '2026-03-01';
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T23:59:59.999Z'));
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('is the path, the sorted query, Accept, Accept-Language, Accept-Encoding and the day', () => {
    expect(
      store.key('/v1/countries?status=member&asOf=2024-07-04', {
        accept: 'text/csv',
        'accept-language': 'fr',
        'accept-encoding': 'br',
      }),
    ).toBe(`/v1/countries\nasOf=2024-07-04&status=member\ntext/csv\nfr\nbr\n${day}`);
    expect(store.key('/v1/countries/BY', {})).toBe(`/v1/countries/BY\n\n\n\n\n${day}`);
  });

  it('gives one key to one query whatever the order of its parameters', () => {
    expect(store.key('/v1/statuses?limit=5&country=BY', {})).toBe(store.key('/v1/statuses?country=BY&limit=5', {}));
  });

  it('keeps everything after the first "?" (a second "?" belongs to the query)', () => {
    expect(store.key('/v1/countries?q=a?b', {})).not.toBe(store.key('/v1/countries?q=a', {}));
    expect(store.key('/v1/countries?q=a?b', {})).toBe(`/v1/countries\nq=a?b\n\n\n\n${day}`);
  });

  it('caches nothing for an overlong keyed header', () => {
    expect(store.key('/v1/countries', { accept: 'a'.repeat(257) })).toBeNull();
  });

  it('moves to the next UTC day at 00:00:00Z', () => {
    const before = store.key('/v1/countries', {});
    vi.setSystemTime(new Date('2026-03-02T00:00:00.000Z'));
    expect(before).toBe('/v1/countries\n\n\n\n\n2026-03-01');
    expect(store.key('/v1/countries', {})).toBe('/v1/countries\n\n\n\n\n2026-03-02');
    vi.setSystemTime(new Date('2026-03-01T23:59:59.999Z'));
  });

  it('adds Origin when CORS is restricted', () => {
    expect(new ResponseStore(true).key('/', { origin: 'https://example.org' })).toBe(
      `/\n\n\n\n\nhttps://example.org\n${day}`,
    );
  });
});

describe('notModified: If-None-Match, weak comparison (RFC 9110 13.1.2)', () => {
  const etag = '"abc-123"';
  it.each([
    ['"abc-123"', true],
    ['W/"abc-123"', true],
    ['"x", "abc-123"', true],
    [' "x" ,W/"abc-123" ', true],
    ['*', true],
    ['"abc-12"', false],
    ['"x"', false],
    ['', false],
  ])('%j -> %s', (header, expected) => {
    expect(notModified(header, etag)).toBe(expected);
  });
  it('is false without the header', () => {
    expect(notModified(undefined, etag)).toBe(false);
  });
});

describe('ResponseStore.set: what is kept', () => {
  const headers = { 'content-type': 'application/json; charset=utf-8', etag: '"a"' };

  it('keeps an answer the second time its key is asked, not the first', () => {
    const store = new ResponseStore(false);
    expect(store.set('k', '"a"', headers, Buffer.from('{}')), 'the first answer to k').toBe(false);
    expect(store.get('k')).toBeUndefined();
    expect(store.set('k', '"a"', headers, Buffer.from('{}')), 'the second answer to k').toBe(true);
    expect(store.get('k')?.body.toString()).toBe('{}');
  });

  it("keeps an answer asked again before the store's size of other answers was asked, not after", () => {
    // 1,000-byte bodies count 1,512 bytes each (with the entry's allowance): 6 fit in 10,000.
    const store = new ResponseStore(false, { maxBytes: 10_000 });
    const body = Buffer.alloc(1_000, 'x');
    const askAround = (key: string, others: number) => {
      store.set(key, '"a"', headers, body);
      for (let i = 0; i < others; i++) store.set(`${key}-other-${i}`, '"a"', headers, body);
      return store.set(key, '"a"', headers, body);
    };
    expect(askAround('soon', 4), 'asked again after 4 others (6,048 bytes)').toBe(true);
    expect(askAround('late', 7), 'asked again after 7 others (10,584 bytes)').toBe(false);
    expect(store.get('soon')?.body.length).toBe(1_000);
    expect(store.get('late')).toBeUndefined();
  });

  it('keeps nothing from a flood of keys asked once each', () => {
    const store = new ResponseStore(false);
    for (let i = 0; i < 20_000; i++) store.set(`/v1/snapshots/${i}`, '"a"', headers, Buffer.from('{}'));
    expect(store.size).toBe(0);
  });

  it('keeps a body in memory of its own, not a view on a larger buffer', () => {
    const store = new ResponseStore(false);
    const view = Buffer.from('x'.repeat(16_384)).subarray(0, 10);
    store.set('k', '"a"', headers, view);
    store.set('k', '"a"', headers, view);
    const body = store.get('k')?.body as Buffer;
    expect(body.toString()).toBe('xxxxxxxxxx');
    expect(body.buffer.byteLength, 'bytes held for a 10-byte body').toBe(10);
  });
});

describe('dateOffsets: where two answers for two days differ by the day alone', () => {
  const body = (asOf: string, since: string) =>
    Buffer.from(`{"data":[{"since":"${since}"}],"meta":{"asOf":"${asOf}"},"links":{"self":"/x?asOf=${asOf}"}}`);

  it('finds the places of the day, and only those, even where an item holds either day', () => {
    const first = body('2010-03-02', '2010-03-02');
    const second = body('2010-03-03', '2010-03-02');
    const meta = first.indexOf('"asOf":"') + 8;
    const link = first.indexOf('asOf=2010-03-02"') + 5;
    expect(dateOffsets(first, '2010-03-02', second, '2010-03-03')).toEqual([meta, link]);
    // The other way round: the item's day is the second day, which is no place of the first.
    expect(dateOffsets(second, '2010-03-03', first, '2010-03-02')).toEqual([meta, link]);
    const third = body('2010-03-03', '2010-03-03');
    expect(dateOffsets(body('2010-03-02', '2010-03-03'), '2010-03-02', third, '2010-03-03')).toEqual([meta, link]);
  });

  it('gives null when the answers differ in anything else', () => {
    expect(
      dateOffsets(body('2010-03-02', '2009-01-01'), '2010-03-02', body('2010-03-03', '2009-01-02'), '2010-03-03'),
    ).toBeNull();
    expect(
      dateOffsets(Buffer.from('{"a":"2010-03-02"}'), '2010-03-02', Buffer.from('{"a":"2010-03-03" }'), '2010-03-03'),
    ).toBeNull();
  });

  it('gives no places when the bodies are the same (a CSV without the day), and null when the days are not of one length', () => {
    expect(dateOffsets(Buffer.from('a,b'), '2010-03-02', Buffer.from('a,b'), '2010-03-03')).toEqual([]);
    expect(dateOffsets(Buffer.from('a,b'), '2010-03-02', Buffer.from('a,b'), 'latest')).toBeNull();
  });
});
