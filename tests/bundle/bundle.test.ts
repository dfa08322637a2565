import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { App } from '../../src/app.js';
import { projectRoot } from '../../src/paths.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// What `npm start` runs is the bundle (dist/server.cjs through dist/boot.cjs), not src/: this file
// builds it as `npm run build` does, into a folder of its own, runs it, and compares its answers
// with the app built from src/, byte for byte.

expectResponsesMatchDocument();
mkdirSync(join(projectRoot, 'dist'), { recursive: true });
const outdir = mkdtempSync(join(projectRoot, 'dist', 'test-bundle-'));
const dataDir = mkdtempSync(join(tmpdir(), 'sco-bundle-'));
let server: ChildProcess | undefined;
let base = '';
let log = '';
let app: App;

/** Starts the built bundle on a free port; resolves once it logs that it is ready. */
function startBundle(env: Record<string, string>) {
  const child = spawn(process.execPath, [join(outdir, 'boot.cjs')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ base: string; ready: string; output: () => string }>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const line = /"msg":"(ready: dataset [^"]+)"/.exec(output)?.[1];
      if (port && line) resolve({ base: `http://127.0.0.1:${port}`, ready: line, output: () => output });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`the bundle exited with ${code}:\n${output}`)));
  });
  return { child, ready };
}

beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bundle.ts', '--outdir', outdir], {
    cwd: projectRoot,
    stdio: 'pipe',
  });
  // A copy of the test database: current for this seed, so the server opens it without rebuilding.
  const databasePath = join(dataDir, 'sco.sqlite');
  copyFileSync(inject('databasePath'), databasePath);
  const started = startBundle({ DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '0' });
  server = started.child;
  const { base: url, output } = await started.ready;
  base = url;
  log = output();
  // Both without the rate limit: its remaining count and reset differ from one server to the other.
  app = await buildTestApp({ RATE_LIMIT_MAX: '0' });
  await app.ready();
}, 60_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  await app?.close();
  rmSync(outdir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

// Headers that differ between any two answers, or between a socket and app.inject.
const PER_ANSWER = new Set(['date', 'x-request-id', 'connection', 'keep-alive', 'transfer-encoding']);
const comparable = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => !PER_ANSWER.has(name))
      .map(([name, value]) => [name, String(value)])
      .sort(([a = ''], [b = '']) => a.localeCompare(b)),
  );

async function both(url: string, given: Record<string, string>, method: 'GET' | 'HEAD' = 'GET') {
  // One request id for both: problems carry it.
  const headers = { ...given, 'x-request-id': 'bundle-test' };
  // node:http rather than fetch, which would decompress the body.
  const fromBundle = await new Promise<{ status: number; headers: Record<string, string>; body: string }>(
    (resolve, reject) => {
      httpRequest(`${base}${url}`, { method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: comparable(response.headers),
            body: Buffer.concat(chunks).toString('base64'),
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
  const injected = await app.inject({ method, url, headers });
  const fromSource = {
    status: injected.statusCode,
    headers: comparable(injected.headers),
    body: injected.rawPayload.toString('base64'),
  };
  return { fromBundle, fromSource };
}

describe('the server bundle that npm start runs', () => {
  it('starts with the code cache made by the build', () => {
    expect(existsSync(join(outdir, 'server.v8cache')), 'scripts/bundle.ts wrote no code cache').toBe(true);
    expect(log).toMatch(/"msg":"ready: dataset [^"]+; code cache used"/);
  });

  it.each([
    ['/', { accept: 'application/json' }],
    ['/healthz', {}],
    ['/readyz', {}],
    ['/v1/countries?status=member', { 'accept-encoding': 'identity' }],
    ['/v1/countries?status=member', { 'accept-encoding': 'br' }],
    ['/v1/countries/BY', { 'accept-encoding': 'gzip', 'accept-language': 'ru' }],
    ['/v1/countries/TM', {}],
    ['/v1/snapshots/2024-07-04', { 'accept-encoding': 'br' }],
    ['/v1/summits?limit=50', {}],
    ['/v1/statuses?limit=100', { accept: 'text/csv' }],
    ['/v1/changes?from=2015-01-01&to=2025-12-31', {}],
    ['/v1/countries?q=stan', {}],
    ['/v1/countries?status=nope', {}],
    ['/v1/events?limit=5', { 'accept-encoding': 'identity' }],
    ['/v1/sources?limit=3', {}],
    ['/openapi.json', { 'accept-encoding': 'identity' }],
    ['/docs/', {}],
    ['/docs/static/logo.svg', {}],
    ['/docs/static/swagger-ui.css', { 'accept-encoding': 'identity' }],
  ])('answers GET %s %j exactly as the app built from src/', async (url, headers) => {
    const { fromBundle, fromSource } = await both(url, headers as Record<string, string>);
    expect(fromBundle.status, `status of ${url}`).toBe(fromSource.status);
    expect(fromBundle.headers, `headers of ${url}`).toEqual(fromSource.headers);
    expect(fromBundle.body === fromSource.body, `body of ${url} differs`).toBe(true);
  });

  it.each([
    ['/v1/countries?status=member', { 'accept-encoding': 'br' }],
    ['/v1/snapshots/2024-07-04', {}],
    ['/openapi.json', { 'accept-encoding': 'gzip' }],
  ])('answers HEAD %s %j, and a repeat from its cache, exactly as the app built from src/', async (url, headers) => {
    const first = await both(url, headers as Record<string, string>);
    const again = await both(url, headers as Record<string, string>);
    expect(again.fromBundle, `the cached repeat of ${url}`).toEqual(first.fromBundle);
    const head = await both(url, headers as Record<string, string>, 'HEAD');
    expect(head.fromBundle.status).toBe(200);
    expect(head.fromBundle.body, 'a HEAD has no body').toBe('');
    expect(head.fromBundle.headers, `HEAD ${url} has the headers of the GET`).toEqual(first.fromBundle.headers);
    expect(head.fromBundle.headers).toEqual(head.fromSource.headers);
  });

  it('serves the Swagger UI files from its package (the bundle rewrote their folder)', async () => {
    const response = await fetch(`${base}/docs/static/swagger-ui-bundle.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it('does not use a code cache made from other bundle bytes, and serves all the same', async () => {
    const cacheFile = join(outdir, 'server.v8cache');
    const cache = readFileSync(cacheFile);
    // The cache names the bundle it was made from by its SHA-1, in its first 40 bytes.
    writeFileSync(cacheFile, Buffer.concat([Buffer.from('0'.repeat(40)), cache.subarray(40)]));
    const { child, ready: started } = startBundle({ DATABASE_PATH: join(dataDir, 'sco.sqlite') });
    const { base: url, ready } = await started;
    const answer = await fetch(`${url}/v1/countries/BY`);
    child.kill('SIGTERM');
    expect(ready).toMatch(/; code cache stale$/);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { status: string } }).data.status).toBe('member');
  });
});
