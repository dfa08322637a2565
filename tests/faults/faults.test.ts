import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { openDatabase } from '../../src/db/connection.js';
import { buildTestApp, expectResponsesMatchDocument, getJson, testConfig } from '../helpers.js';
import { validateResponses } from '../openapi-validator.js';

expectResponsesMatchDocument();
const dir = mkdtempSync(join(tmpdir(), 'sco-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs src/main.ts until /readyz answers 200 (or the process exits); returns its log and exit code. */
function runServer(databasePath: string, timeoutMs = 60_000) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, DATABASE_PATH: databasePath, PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let ready = false;
  let probing = false;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  child.stdout.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
    if (!port || probing || !/"msg":"ready: dataset/.test(log)) return;
    probing = true;
    fetch(`http://127.0.0.1:${port}/readyz`)
      .then((response) => {
        ready = response.status === 200;
      })
      .catch(() => {})
      .finally(() => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  return new Promise<{ log: string; code: number | null; ready: boolean }>((resolve) => {
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ log, code, ready });
    });
  });
}

describe('a damaged database is refused at start: the server only opens it, npm run seed builds it', () => {
  it.each([
    ['missing', (_path: string) => {}, 'it does not exist'],
    ['truncated', (path: string) => truncateSync(path, 4096), 'it cannot be read (database disk image is malformed)'],
    [
      'not a database',
      (path: string) => writeFileSync(path, 'this is not SQLite'),
      'it cannot be read (file is not a database)',
    ],
  ])(
    '%s: exits 1 with one line naming npm run seed, and writes nothing',
    async (_name, damage, reason) => {
      const path = join(dir, `${_name.replaceAll(' ', '-')}.sqlite`);
      if (_name !== 'missing') copyFileSync(inject('databasePath'), path);
      damage(path);
      const before = existsSync(path) ? readFileSync(path) : null;
      const { log, code, ready } = await runServer(path);
      expect(log).toBe(`cannot serve the database ${path}: ${reason}; build it with \`npm run seed\`\n`);
      expect(ready).toBe(false);
      expect(code).toBe(1);
      expect(existsSync(path) ? readFileSync(path) : null, 'the server wrote the database').toEqual(before);
    },
    90_000,
  );
});

describe('readiness and failures inside the app', () => {
  it('answers /readyz 503 and the API a 503 problem until the database is open, then 200', async () => {
    const deferred = await buildApp(testConfig(), { deferDatabase: true });
    validateResponses(deferred);
    try {
      expect((await getJson(deferred, '/healthz')).status).toBe(200);
      const notReady = await getJson(deferred, '/readyz');
      expect(notReady.status).toBe(503);
      expect(notReady.body).toEqual({ status: 'unavailable', datasetVersion: null });
      const api = await getJson(deferred, '/v1/countries');
      expect(api.status).toBe(503);
      expect(api.headers['retry-after']).toBe('1');
      expect(api.body.type).toBe('/problems/unavailable');
      deferred.openDatabase();
      expect((await getJson(deferred, '/readyz')).status).toBe(200);
      expect((await getJson(deferred, '/v1/countries?asOf=2026-02-12')).body.meta.total).toBe(27);
    } finally {
      await deferred.close();
    }
  });

  it('turns a handler that throws into a 500 problem with the request id and no internals, and keeps serving', async () => {
    const app = await buildTestApp({ LOG_LEVEL: 'silent' });
    app.get('/v1/boom', { schema: { hide: true } }, async () => {
      throw new Error(`SQLITE_CORRUPT at ${join(dir, 'secret.sqlite')}`);
    });
    app.get('/v1/boom-database', { schema: { hide: true } }, async () => {
      const handle = openDatabase(inject('databasePath'));
      try {
        return handle.sqlite.prepare('SELECT * FROM no_such_table').all();
      } finally {
        handle.close();
      }
    });
    try {
      for (const url of ['/v1/boom', '/v1/boom-database']) {
        const response = await app.inject({ url, headers: { 'x-request-id': 'boom-1' } });
        expect(response.statusCode).toBe(500);
        expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
        expect(response.json()).toEqual({
          type: '/problems/internal',
          title: 'Internal server error',
          status: 500,
          detail: 'the server could not answer; quote request id boom-1 when reporting it',
          instance: url,
          requestId: 'boom-1',
        });
        expect(response.body).not.toMatch(/SQLITE|secret|no_such_table|\/tmp\//);
      }
      expect((await getJson(app, '/v1/countries/BY')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('never writes: the database is opened read-only', () => {
    const handle = openDatabase(inject('databasePath'));
    try {
      expect(() => handle.sqlite.prepare("DELETE FROM countries WHERE code = 'BY'").run()).toThrow(
        /readonly|read-only/i,
      );
    } finally {
      handle.close();
    }
  });
});

describe('input limits', () => {
  it('answers an overlong request target with a 414 problem', async () => {
    const app = await buildTestApp();
    try {
      const response = await getJson(app, `/v1/countries?q=${'a'.repeat(3000)}`);
      expect(response.status).toBe(414);
      expect(response.body.type).toBe('/problems/uri-too-long');
    } finally {
      await app.close();
    }
  });

  it('answers oversized headers with a 431 problem and closes the connection', async () => {
    const app = await buildTestApp();
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = app.server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${address.port}/v1/meta`, {
        headers: { 'x-padding': 'x'.repeat(20_000) },
      });
      expect(response.status).toBe(431);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(((await response.json()) as { type: string }).type).toBe('/problems/header-fields-too-large');
    } finally {
      await app.close();
    }
  });
});
