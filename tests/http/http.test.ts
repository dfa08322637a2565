import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDatabase } from '../../seed/build.js';
import type { App } from '../../src/app.js';
import { buildTestApp, expectResponsesMatchDocument, type testConfig } from '../helpers.js';

expectResponsesMatchDocument();

async function listening(overrides: Parameters<typeof testConfig>[0] = {}): Promise<App> {
  const app = await buildTestApp(overrides);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

let app: App;
beforeAll(async () => {
  app = await listening();
});
afterAll(async () => {
  await app.close();
});

/** A GET that keeps the body as sent (supertest and fetch decompress it). */
function raw(server: App, path: string, headers: Record<string, string> = {}) {
  const address = server.server.address() as AddressInfo;
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    get({ host: '127.0.0.1', port: address.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** Every byte the server sends for a HEAD over a raw socket, split at the end of the headers: Node's client would drop a body. */
function rawHead(server: App, path: string, headers: Record<string, string> = {}) {
  const address = server.server.address() as AddressInfo;
  return new Promise<{ head: string; after: Buffer }>((resolve, reject) => {
    const socket = connect(address.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      resolve({ head: all.subarray(0, end).toString('latin1'), after: all.subarray(end + 4) });
    });
    const lines = Object.entries({ host: '127.0.0.1', ...headers, connection: 'close' }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`HEAD ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  });
}

describe('conditional requests and caching', () => {
  it('answers If-None-Match with 304 and no body, then 200 again for another tag', async () => {
    const first = await request(app.server)
      .get('/v1/countries?status=member')
      .set('Accept-Encoding', 'identity')
      .expect(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{24}"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(first.headers.vary).toBe('accept, accept-encoding, accept-language');
    const again = await request(app.server)
      .get('/v1/countries?status=member')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', etag)
      .expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);
    expect(again.headers['cache-control']).toBe('public, max-age=300, stale-while-revalidate=86400');
    await request(app.server)
      .get('/v1/countries?status=member')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', '"other"')
      .expect(200);
    await request(app.server)
      .get('/v1/countries?status=member')
      .set('Accept-Encoding', 'identity')
      .set('If-None-Match', `"x", W/${etag}`)
      .expect(304);
  });

  it.each([
    ['0', '*'],
    ['600', '*'],
    ['0', 'https://a.example'],
    ['600', 'https://a.example'],
  ])(
    'answers If-None-Match (RATE_LIMIT_MAX=%s, CORS_ORIGIN=%s) with one header set from Fastify and from the cache: RFC 9110, CORS, request id, rate limit',
    async (rateLimitMax, corsOrigin) => {
      // With and without the rate limit's headers, and with CORS headers that depend on Origin.
      const server = await listening({ RATE_LIMIT_MAX: rateLimitMax, CORS_ORIGIN: corsOrigin });
      try {
        const url = '/v1/countries/BY';
        const vary = `accept, accept-encoding, accept-language${corsOrigin === '*' ? '' : ', Origin'}`;
        const limited = rateLimitMax === '0' ? [] : ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];
        for (const origin of [undefined, 'https://a.example', 'https://b.example']) {
          const sent = { 'accept-encoding': 'br', ...(origin ? { origin } : {}) };
          const ok = await raw(server, url, sent);
          const again = await raw(server, url, sent);
          const cors = Object.fromEntries(
            Object.entries(ok.headers).filter(([name]) => name.startsWith('access-control-')),
          );
          const allowed = corsOrigin === '*' ? '*' : origin === 'https://a.example' ? origin : undefined;
          expect(cors['access-control-allow-origin'], `the 200 to ${origin}`).toBe(allowed);
          expect(ok.headers.vary, `the 200 to ${origin}`).toBe(vary);
          expect(again.headers.vary, `the cached 200 to ${origin}`).toBe(vary);
          // Another Accept: the same representation under a key not cached yet, so the first two
          // 304s come from Fastify (the second answer to a key is kept) and the third from the cache.
          const conditional = { ...sent, accept: 'application/json', 'if-none-match': String(ok.headers.etag) };
          for (const source of ['Fastify', 'Fastify, kept', 'the cache']) {
            const what = `${source}, Origin ${origin}`;
            const answer = await raw(server, url, { ...conditional, 'x-request-id': 'r1' });
            expect(answer.status, what).toBe(304);
            expect(answer.body.length, what).toBe(0);
            const { date, connection, 'keep-alive': keepAlive, ...rest } = answer.headers;
            expect(date, what).toMatch(/GMT$/);
            expect(Object.keys(rest).sort(), what).toEqual(
              ['etag', 'cache-control', 'vary', 'x-request-id', ...limited, ...Object.keys(cors)].sort(),
            );
            expect(rest, what).toMatchObject({
              etag: ok.headers.etag,
              'cache-control': 'public, max-age=300, stale-while-revalidate=86400',
              vary,
              'x-request-id': 'r1',
              ...cors,
              ...(limited.length > 0 ? { 'ratelimit-limit': '600' } : {}),
            });
          }
        }
      } finally {
        await server.close();
      }
    },
  );

  it.each(['0', '600'])(
    'answers HEAD with If-None-Match 304, from Fastify and from the cache (RATE_LIMIT_MAX=%s)',
    async (rateLimitMax) => {
      const server = await listening({ RATE_LIMIT_MAX: rateLimitMax });
      try {
        const url = '/v1/countries/CN';
        const etag = String((await raw(server, url, { 'accept-encoding': 'gzip' })).headers.etag);
        for (const source of ['Fastify', 'Fastify, kept', 'the cache']) {
          const head = await request(server.server)
            .head(url)
            .set('Accept-Encoding', 'gzip')
            .set('Accept', 'application/json')
            .set('If-None-Match', etag);
          expect(head.status, source).toBe(304);
          expect(head.headers.etag, source).toBe(etag);
        }
      } finally {
        await server.close();
      }
    },
  );

  it('keeps an answer the second time it is asked, and gives the first, the kept and the cached one the same bytes and headers', async () => {
    const fresh = await listening();
    try {
      const url = '/v1/summits?series=sco&sort=-startDate&limit=7';
      expect(fresh.responseCache.size).toBe(0);
      const miss = await raw(fresh, url, { 'accept-encoding': 'gzip' });
      expect(fresh.responseCache.size, 'an answer asked once is not kept').toBe(0);
      const kept = await raw(fresh, url, { 'accept-encoding': 'gzip' });
      expect(fresh.responseCache.size, 'an answer asked twice is kept').toBe(1);
      const hit = await raw(fresh, url, { 'accept-encoding': 'gzip' });
      expect(fresh.responseCache.size).toBe(1);
      expect(Buffer.compare(kept.body, miss.body), 'the kept answer differs from the first').toBe(0);
      expect(Buffer.compare(hit.body, miss.body), 'cached bytes differ from the first answer').toBe(0);
      expect(JSON.parse(gunzipSync(hit.body).toString()).meta.total).toBe(27);
      for (const header of [
        'etag',
        'content-type',
        'content-encoding',
        'content-length',
        'vary',
        'cache-control',
        'link',
      ]) {
        expect(kept.headers[header], header).toBe(miss.headers[header]);
        expect(hit.headers[header], header).toBe(miss.headers[header]);
      }
    } finally {
      await fresh.close();
    }
  });

  it('gives identical ETags from two instances and from a second database built apart from the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sco-replica-'));
    const previous = process.env.SOURCE_DATE_EPOCH;
    try {
      process.env.SOURCE_DATE_EPOCH = '1767225600';
      buildDatabase({ databasePath: join(dir, 'a.sqlite') });
      buildDatabase({ databasePath: join(dir, 'b.sqlite') });
      const replicas = [
        await listening({ DATABASE_PATH: join(dir, 'a.sqlite') }),
        await listening({ DATABASE_PATH: join(dir, 'b.sqlite') }),
        await listening(),
      ];
      for (const url of ['/v1/meta', '/v1/countries/BY', '/v1/snapshots/2024-07-04', '/v1/events?limit=5']) {
        const tags = await Promise.all(replicas.map(async (r) => (await request(r.server).get(url)).headers.etag));
        expect(tags[0], url).toBe(tags[1]);
        if (url !== '/v1/meta') expect(tags[2], `${url} on the shared test database`).toBe(tags[0]);
      }
      await Promise.all(replicas.map((r) => r.close()));
    } finally {
      if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = previous;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['identity', 'gzip'])(
    'answers HEAD (%s) with the headers of GET and no body, cached or not',
    async (encoding) => {
      const fresh = await listening();
      try {
        const url = '/v1/countries/BY';
        const headMiss = await request(fresh.server).head(url).set('Accept-Encoding', encoding).expect(200);
        const getted = await raw(fresh, url, { 'accept-encoding': encoding });
        const headHit = await request(fresh.server).head(url).set('Accept-Encoding', encoding).expect(200);
        for (const head of [headMiss, headHit]) {
          expect(head.headers.etag).toBe(getted.headers.etag);
          expect(head.headers['content-encoding']).toBe(getted.headers['content-encoding']);
          expect(head.headers['content-length']).toBe(String(getted.body.length));
        }
        // Node's client ignores whatever follows a HEAD's headers: read the bytes on the wire.
        const other = await listening();
        try {
          for (const server of [other, other, fresh]) {
            const { head, after } = await rawHead(server, url, { 'accept-encoding': encoding });
            expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
            expect(head.toLowerCase()).toContain(`content-length: ${getted.body.length}`);
            expect(after.length, `bytes after the headers of a HEAD: ${after.toString('latin1').slice(0, 80)}`).toBe(0);
          }
        } finally {
          await other.close();
        }
      } finally {
        await fresh.close();
      }
    },
  );

  it('keeps health checks out of the cache', async () => {
    const health = await request(app.server).get('/readyz').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers.etag).toBeUndefined();
  });
});

describe('compression', () => {
  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ])('compresses with %s and the body decodes to the JSON answer', async (encoding, decode) => {
    const plain = await raw(app, '/v1/statuses?limit=100', { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const compressed = await raw(app, '/v1/statuses?limit=100', { 'accept-encoding': encoding });
    expect(compressed.headers['content-encoding']).toBe(encoding);
    expect(compressed.headers.etag).toBe(String(plain.headers.etag).replace(/"$/, `-${encoding}"`));
    expect(decode(compressed.body).equals(plain.body)).toBe(true);
    expect(compressed.body.length).toBeLessThan(plain.body.length / 3);
  });

  it('leaves answers under 1024 bytes uncompressed, on a route that compresses larger ones', async () => {
    const path = '/v1/countries?status=member&asOf=2024-07-04&fields=code&limit=2';
    const plain = await raw(app, path, { 'accept-encoding': 'identity' });
    expect(plain.body.length, 'the answer is under the threshold').toBeLessThan(1024);
    const small = await raw(app, path, { 'accept-encoding': 'br' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.equals(plain.body)).toBe(true);
    const large = await raw(app, '/v1/countries?status=member&asOf=2024-07-04', { 'accept-encoding': 'br' });
    expect(large.headers['content-encoding'], 'the same route compresses an answer over the threshold').toBe('br');
  });
});

describe('CORS', () => {
  it('answers a preflight from any origin with the allowed methods and a max-age', async () => {
    const res = await request(app.server)
      .options('/v1/countries')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['access-control-max-age']).toBe('86400');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('exposes ETag, Link, the request id and the rate-limit headers', async () => {
    const res = await request(app.server).get('/v1/countries').set('Origin', 'https://example.org');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toBe(
      'ETag, Link, X-Request-Id, Content-Disposition, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After',
    );
  });

  it('sends the CORS headers on every answer of the default server: fresh, cached, 304 and each error', async () => {
    const exposed =
      'ETag, Link, X-Request-Id, Content-Disposition, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, RateLimit-Policy, Retry-After';
    const origin = 'https://example.org';
    const url = '/v1/countries/KZ';
    const first = await request(app.server).get(url).set('Origin', origin).expect(200);
    const answers: Array<[string, request.Response]> = [
      ['200', first],
      ['200, kept', await request(app.server).get(url).set('Origin', origin).expect(200)],
      ['200, from the cache', await request(app.server).get(url).set('Origin', origin).expect(200)],
      [
        '304',
        await request(app.server)
          .get(url)
          .set('Origin', origin)
          .set('If-None-Match', String(first.headers.etag))
          .expect(304),
      ],
      ['400', await request(app.server).get('/v1/countries?asOf=2012-02-30').set('Origin', origin).expect(400)],
      ['404', await request(app.server).get('/v1/nowhere').set('Origin', origin).expect(404)],
      ['405', await request(app.server).delete(url).set('Origin', origin).expect(405)],
      [
        '414',
        await request(app.server)
          .get(`/v1/countries?q=${'a'.repeat(2100)}`)
          .set('Origin', origin)
          .expect(414),
      ],
    ];
    for (const [what, res] of answers) {
      expect(res.headers['access-control-allow-origin'], what).toBe('*');
      expect(res.headers['access-control-expose-headers'], what).toBe(exposed);
    }
  });

  it('restricts origins with CORS_ORIGIN', async () => {
    const restricted = await listening({ CORS_ORIGIN: 'https://explorer.example' });
    try {
      const allowed = await request(restricted.server).get('/v1/meta').set('Origin', 'https://explorer.example');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://explorer.example');
      const other = await request(restricted.server).get('/v1/meta').set('Origin', 'https://evil.example');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await restricted.close();
    }
  });
});

describe('CSV and downloads', () => {
  it('gives the members on 2024-07-04 as CSV, by Accept or format=csv', async () => {
    const path = '/v1/countries?asOf=2024-07-04&status=member&limit=500';
    const csv = await request(app.server).get(path).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="countries.csv"');
    // The ten members after Astana 2024, their names in four languages and the day each joined.
    expect(csv.text).toBe(
      [
        'code,iso3,wikidata,name,names.en,names.fr,names.ru,names.zh,status,statusSince',
        'BY,BLR,Q184,Belarus,Belarus,Biélorussie,Беларусь,白俄罗斯,member,2024-07-04',
        'CN,CHN,Q148,China,China,Chine,Китай,中国,member,2001-06-15',
        'IN,IND,Q668,India,India,Inde,Индия,印度,member,2017-06-09',
        'IR,IRN,Q794,Iran,Iran,Iran,Иран,伊朗,member,2023-07-04',
        'KG,KGZ,Q813,Kyrgyzstan,Kyrgyzstan,Kirghizistan,Киргизия,吉尔吉斯斯坦,member,2001-06-15',
        'KZ,KAZ,Q232,Kazakhstan,Kazakhstan,Kazakhstan,Казахстан,哈萨克斯坦,member,2001-06-15',
        'PK,PAK,Q843,Pakistan,Pakistan,Pakistan,Пакистан,巴基斯坦,member,2017-06-09',
        'RU,RUS,Q159,Russia,Russia,Russie,Россия,俄罗斯,member,2001-06-15',
        'TJ,TJK,Q863,Tajikistan,Tajikistan,Tadjikistan,Таджикистан,塔吉克斯坦,member,2001-06-15',
        'UZ,UZB,Q265,Uzbekistan,Uzbekistan,Ouzbékistan,Узбекистан,乌兹别克斯坦,member,2001-06-15',
        '',
      ].join('\r\n'),
    );
    const byFormat = await request(app.server).get(`${path}&format=csv`);
    expect(byFormat.text).toBe(csv.text);
  });

  it('flattens nested values and quotes per RFC 4180', async () => {
    const csv = await request(app.server).get(
      '/v1/events?format=csv&summit=2024-astana&type=statement&fields=id,actor,quote',
    );
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'actor.name',
      'actor.role',
      'quote.text',
      'quote.lang',
      'quote.gloss',
    ]);
    const xi = rows.find((r) => r.id === '2024-07-04-xi-main-dans-la-main');
    expect(xi?.['quote.text']).toBe(
      'Nous devons résister aux ingérences extérieures, main dans la main, et nous apporter mutuellement un soutien solide',
    );
  });

  it('answers 406 listing what is offered', async () => {
    const res = await request(app.server).get('/v1/countries/BY').set('Accept', 'text/csv').expect(406);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body.detail).toBe('/v1/countries/BY is offered as application/json; Accept was text/csv');
  });

  it('serves the SQLite file, which opens and answers a query', async () => {
    const res = await raw(app, '/v1/download/sco.sqlite');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.sqlite3');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sco.sqlite"');
    const dir = mkdtempSync(join(tmpdir(), 'sco-download-'));
    try {
      writeFileSync(join(dir, 'sco.sqlite'), res.body);
      const db = new Database(join(dir, 'sco.sqlite'), { readonly: true });
      const members = db
        .prepare('SELECT country FROM status_periods WHERE status = \'member\' AND "to" IS NULL ORDER BY country')
        .all()
        .map((r) => (r as { country: string }).country);
      const pending = db
        .prepare("SELECT id FROM applications WHERE outcome = 'pending' ORDER BY id")
        .all()
        .map((r) => (r as { id: string }).id);
      db.close();
      expect(members).toEqual(['BY', 'CN', 'IN', 'IR', 'KG', 'KZ', 'PK', 'RU', 'TJ', 'UZ']);
      expect(pending).toEqual(['am-member-2025']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the whole dataset as one JSON document and each table as CSV', async () => {
    const doc = await request(app.server).get('/v1/download/sco.json').expect(200);
    expect(doc.headers['content-disposition']).toBe('attachment; filename="sco.json"');
    expect(Object.keys(doc.body)).toEqual([
      'dataset',
      'countries',
      'statusPeriods',
      'summits',
      'events',
      'sources',
      'applications',
    ]);
    const counts = { countries: 27, statusPeriods: 48, summits: 32, events: 100, sources: 239, applications: 15 };
    expect(doc.body.dataset.counts).toEqual(counts);
    for (const [file, n] of [
      ['countries.csv', 27],
      ['statuses.csv', 48],
      ['summits.csv', 32],
      ['events.csv', 100],
      ['sources.csv', 239],
      ['applications.csv', 15],
    ] as const) {
      const csv = await request(app.server).get(`/v1/download/${file}`).expect(200);
      expect(parse(csv.text, { columns: true }), file).toHaveLength(n);
    }
  });

  it.each(['sco.db', '..%2F..%2Fpackage.json', '%2Fetc%2Fpasswd', 'sco.json%00.txt'])(
    'answers 404 for %s',
    async (file) => {
      const res = await request(app.server).get(`/v1/download/${file}`);
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('/problems/not-found');
    },
  );
});

describe('pagination links, rate limit, request id', () => {
  it('mirrors links in an RFC 8288 Link header', async () => {
    const res = await request(app.server).get('/v1/sources?limit=100&offset=100');
    expect(res.headers.link).toBe(
      '</v1/sources?limit=100&offset=100>; rel="self", </v1/sources?limit=100>; rel="first", </v1/sources?limit=100&offset=200>; rel="last", </v1/sources?limit=100&offset=200>; rel="next", </v1/sources?limit=100>; rel="prev"',
    );
  });

  it('limits each client, counts cached answers, exempts health checks, and answers 429 with Retry-After', async () => {
    const limited = await listening({ RATE_LIMIT_MAX: '3' });
    try {
      for (let i = 3; i > 0; i--) {
        const ok = await request(limited.server).get('/v1/meta').expect(200);
        expect(ok.headers['ratelimit-limit']).toBe('3');
        expect(ok.headers['ratelimit-remaining']).toBe(String(i - 1));
      }
      const res = await request(limited.server).get('/v1/meta').expect(429);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body.type).toBe('/problems/rate-limited');
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
      // The limiter runs after CORS, so a browser can read its 429.
      expect(res.headers['access-control-allow-origin']).toBe('*');
      await request(limited.server).get('/healthz').expect(200);
      await request(limited.server).get('/readyz').expect(200);
    } finally {
      await limited.close();
    }
  });

  it('leaves the rate limit to the balancer by default: no RateLimit headers, no 429 past 600 a minute', async () => {
    // The server `npm start` runs (app, the defaults): 700 requests from one address in well under a minute.
    const statuses = new Map<number, number>();
    const limitHeaders = new Set<string>();
    for (let i = 0; i < 700; i++) {
      const res = await app.inject({ url: '/v1/meta', remoteAddress: '203.0.113.7' });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      for (const name of Object.keys(res.headers)) if (name.startsWith('ratelimit-')) limitHeaders.add(name);
    }
    expect(Object.fromEntries(statuses)).toEqual({ 200: 700 });
    expect([...limitHeaders]).toEqual([]);
  });

  it('echoes X-Request-Id, bounded in length', async () => {
    const echoed = await request(app.server).get('/v1/meta').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    const long = await request(app.server).get('/v1/meta').set('X-Request-Id', 'a'.repeat(200));
    expect(long.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers suited to a JSON API', async () => {
    const res = await request(app.server).get('/v1/meta');
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
