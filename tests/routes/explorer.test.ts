import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectProblem, getJson, useApp } from '../helpers.js';

// The explorer plugin's routing, on a stand-in build (the real page is built and driven in tests/e2e).
const built = mkdtempSync(join(tmpdir(), 'sco-explorer-'));
mkdirSync(join(built, 'assets'));
const PAGE = '<!doctype html><title>SCO Explorer</title><script type="module" src="/explorer/assets/main-Ab12Cd34.js">';
writeFileSync(join(built, 'index.html'), PAGE);
writeFileSync(join(built, 'assets', 'main-Ab12Cd34.js'), 'console.log("explorer");\n'.repeat(100));
afterAll(() => rmSync(built, { recursive: true, force: true }));

const CHROMIUM_ACCEPT =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const PAGE_CSP =
  "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';base-uri 'none';form-action 'self';frame-ancestors 'none'";

describe('with the page built', () => {
  const ctx = useApp({}, { explorerDir: built });

  it.each([
    ['a browser', CHROMIUM_ACCEPT],
    ['text/html only', 'text/html'],
    ['HTML preferred by quality', 'application/json;q=0.5, text/html'],
  ])('answers / with the page for %s', async (_who, accept) => {
    const response = await getJson(ctx.app, '/', { accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe(PAGE);
    expect(response.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(response.headers.vary).toBe('accept, accept-encoding, accept-language');
  });

  it.each([
    ['JSON', 'application/json'],
    ['anything', '*/*'],
    ['JSON and HTML alike', 'application/json, text/html'],
    ['no Accept', undefined],
  ])('keeps the JSON index at / for %s', async (_who, accept) => {
    const response = await getJson(ctx.app, '/', accept ? { accept } : {});
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.body.data.links.countries).toBe('/v1/countries');
    expect(response.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
  });

  it('serves the page at /explorer, with a shared view in the query, and answers its ETag with 304', async () => {
    const first = await getJson(ctx.app, '/explorer?date=2010-01-01&lang=fr', { accept: CHROMIUM_ACCEPT });
    expect(first.status).toBe(200);
    expect(first.body).toBe(PAGE);
    expect(first.headers['content-security-policy']).toBe(PAGE_CSP);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{12}-[0-9a-f]{24}"$/);
    const again = await getJson(ctx.app, '/explorer?date=2010-01-01&lang=fr', {
      accept: CHROMIUM_ACCEPT,
      'if-none-match': etag,
    });
    expect(again.status).toBe(304);
    // A replay from the response cache keeps the page's own policy.
    const replay = await getJson(ctx.app, '/explorer?date=2010-01-01&lang=fr', { accept: CHROMIUM_ACCEPT });
    expect(replay.headers['content-security-policy']).toBe(PAGE_CSP);
    expect(replay.body).toBe(PAGE);
    expect((await getJson(ctx.app, '/explorer/')).status).toBe(200);
  });

  it('answers HEAD / for a browser with the headers of the page', async () => {
    const response = await ctx.app.inject({ method: 'HEAD', url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toBe('');
  });

  it('serves hashed assets for a year, immutable, outside the response cache', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/explorer/assets/main-Ab12Cd34.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body).toContain('console.log("explorer")');
    const etag = String(response.headers.etag);
    const again = await ctx.app.inject({
      method: 'GET',
      url: '/explorer/assets/main-Ab12Cd34.js',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers an unknown asset or a path outside the assets with a 404 problem', async () => {
    expectProblem(await getJson(ctx.app, '/explorer/assets/missing-00000000.js'), 404, 'not-found');
    expectProblem(await getJson(ctx.app, '/explorer/assets/..%2Findex.html'), 404, 'not-found');
  });

  it('keeps the explorer out of the OpenAPI document', async () => {
    const { body } = await getJson(ctx.app, '/openapi.json');
    expect(Object.keys(body.paths).filter((path) => path.includes('explorer'))).toEqual([]);
    expect(Object.keys(body.paths['/'].get.responses['200'].content)).toEqual(['application/json']);
  });
});

describe('without a build', () => {
  const ctx = useApp({}, { explorerDir: join(built, 'not-built') });

  it('answers /explorer with a 503 problem saying how to build it', async () => {
    const response = await getJson(ctx.app, '/explorer', { accept: CHROMIUM_ACCEPT });
    expectProblem(response, 503, 'unavailable');
    expect(response.body.detail).toBe('the explorer page is not built on this server; run `npm run build`');
  });

  it('gives browsers the JSON index at /, and JSON clients too', async () => {
    for (const accept of [CHROMIUM_ACCEPT, 'application/json']) {
      const response = await getJson(ctx.app, '/', { accept });
      expect(response.status, accept).toBe(200);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.body.data.title).toMatch(/^sco-api/);
    }
  });
});
