import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import module from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../dataset/paths.js';
import { runtimeStage } from '../../scripts/dockerfile.js';
import { startCommand } from '../../scripts/start-command.js';
import type { App } from '../../src/app.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// What `npm start` runs is the bundled server (dist/server/main.js, written by scripts/bundle.mjs at
// the end of `npm run build`, the first step of `npm run test:build`), not src/: this file runs
// package.json's start command and compares its answers with the app built from src/, byte for
// byte, and checks how it refuses to start without its database. The bundled server serves the
// OpenAPI document the build wrote (dist/server/openapi.json), the app from src/ the one its routes
// generate: the OpenAPI URLs below compare the two.

// package.json's start command (Node's options, then the entry), as scripts/start-command.ts reads it.
const { args: startArgs, entry } = startCommand();
if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build (npm run test:build does)`);
expectResponsesMatchDocument();
const dataDir = mkdtempSync(join(tmpdir(), 'sco-build-'));
let server: ChildProcess | undefined;
let base = '';
let app: App;

/** Runs the compiled server with `env`; resolves once it logs that it is ready, rejects if it exits. */
function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, startArgs, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<{ base: string; ready: string }>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
      const line = /"msg":"(ready: dataset [^"]+)"/.exec(output)?.[1];
      if (port && line) resolve({ base: `http://127.0.0.1:${port}`, ready: line });
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
  return { child, ready };
}

/** Runs the compiled server where it must refuse to start; resolves to its exit code and output. */
function refusedStart(databasePath: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, startArgs, {
      env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** A port nothing listens on. */
function freePort() {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  // A copy of the test database: the server opens it read-only.
  const databasePath = join(dataDir, 'sco.sqlite');
  copyFileSync(inject('databasePath'), databasePath);
  // Both without the rate limit: its RateLimit-Reset header follows the clock, not the code.
  const started = startServer({ DATABASE_PATH: databasePath, RATE_LIMIT_MAX: '0' });
  server = started.child;
  base = (await started.ready).base;
  app = await buildTestApp({ RATE_LIMIT_MAX: '0' });
  await app.ready();
}, 60_000);

afterAll(async () => {
  server?.kill('SIGTERM');
  await app?.close();
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
  const headers = { ...given, 'x-request-id': 'build-test' };
  // node:http rather than fetch, which would decompress the body.
  const fromServer = await new Promise<{ status: number; headers: Record<string, string>; body: string }>(
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
  return { fromServer, fromSource };
}

describe('the compiled server that npm start runs', () => {
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
    ['/docs/json', { 'accept-encoding': 'gzip' }],
    ['/docs/yaml', { 'accept-encoding': 'identity' }],
    ['/docs/', {}],
    ['/docs/static/swagger-initializer.js', { 'accept-encoding': 'identity' }],
    ['/docs/static/favicon-32x32.png', {}],
    ['/docs/static/swagger-ui.css', { 'accept-encoding': 'identity' }],
    ['/explorer', { 'accept-encoding': 'identity' }],
  ])('answers GET %s %j exactly as the app built from src/', async (url, headers) => {
    const { fromServer, fromSource } = await both(url, headers as Record<string, string>);
    expect(fromServer.status, `status of ${url}`).toBe(fromSource.status);
    expect(fromServer.headers, `headers of ${url}`).toEqual(fromSource.headers);
    expect(fromServer.body === fromSource.body, `body of ${url} differs`).toBe(true);
  });

  it.each([
    ['/v1/countries?status=member', { 'accept-encoding': 'br' }],
    ['/v1/snapshots/2024-07-04', {}],
    ['/openapi.json', { 'accept-encoding': 'gzip' }],
  ])('answers HEAD %s %j, and a repeat from its cache, exactly as the app built from src/', async (url, headers) => {
    const first = await both(url, headers as Record<string, string>);
    const again = await both(url, headers as Record<string, string>);
    expect(again.fromServer, `the cached repeat of ${url}`).toEqual(first.fromServer);
    const head = await both(url, headers as Record<string, string>, 'HEAD');
    expect(head.fromServer.status).toBe(200);
    expect(head.fromServer.body, 'a HEAD has no body').toBe('');
    expect(head.fromServer.headers, `HEAD ${url} has the headers of the GET`).toEqual(first.fromServer.headers);
    expect(head.fromServer.headers).toEqual(head.fromSource.headers);
  });

  it('answers POST /mcp (the MCP SDK, loaded on the first request) exactly as the app built from src/', async () => {
    const payload = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'snapshot', arguments: { date: '2024-07-04' } },
    });
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-request-id': 'build-test',
    };
    const fromServer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      httpRequest(`${base}/mcp`, { method: 'POST', headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      })
        .on('error', reject)
        .end(payload);
    });
    const injected = await app.inject({ method: 'POST', url: '/mcp', headers, payload });
    expect(fromServer.status, fromServer.body).toBe(200);
    const answer = JSON.parse(fromServer.body);
    expect(answer.result.isError, fromServer.body).toBeFalsy();
    expect(JSON.parse(answer.result.content[0].text).data.counts).toEqual({
      member: 10,
      observer: 2,
      dialogue_partner: 14,
      partner: 0,
    });
    expect(fromServer.body).toBe(injected.body);
  });

  it('lists the MCP tools (JSON Schemas made from the Zod schemas, in a lazily loaded chunk) exactly as the app built from src/', async () => {
    const payload = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
    const headers = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-request-id': 'build-test',
    };
    const fromServer = await (await fetch(`${base}/mcp`, { method: 'POST', headers, body: payload })).text();
    const injected = await app.inject({ method: 'POST', url: '/mcp', headers, payload });
    expect(JSON.parse(fromServer).result.tools.length, fromServer).toBeGreaterThan(0);
    expect(fromServer).toBe(injected.body);
  });

  it('imports, outside the bundle, only production dependencies (what the image ships)', () => {
    // Written by scripts/bundle.mjs from esbuild's own account of the bundle's imports.
    const external: string[] = JSON.parse(readFileSync(join(projectRoot, 'dist', 'server', 'external.json'), 'utf8'));
    const names = external.map((specifier) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/'),
    );
    expect(names, 'better-sqlite3 loads its compiled addon from its package').toContain('better-sqlite3');
    // Installed by `npm ci --omit=dev` (the image's node_modules) at the top level, where the bundle
    // finds it, and the only copy, so that what required it in the bundle gets that very version.
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));
    for (const name of names) {
      const copies = Object.keys(lock.packages).filter((path) => path.endsWith(`node_modules/${name}`));
      expect(copies, `${name}: one copy, at the top level`).toEqual([`node_modules/${name}`]);
      const entry = lock.packages[`node_modules/${name}`];
      expect(entry.dev || entry.devOptional, `${name} is installed without dev dependencies`).toBeFalsy();
    }
  });

  it('serves the Swagger UI files from its package', async () => {
    const response = await fetch(`${base}/docs/static/swagger-ui-bundle.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1_000_000);
  });

  it('wraps every CommonJS module of the bundle as a function V8 compiles with the file, and its source map still points at the sources', () => {
    const file = join(projectRoot, 'dist', 'server', 'server.js');
    const code = readFileSync(file, 'utf8');
    // esbuild writes `"node_modules/x.js"(exports, module) {`; scripts/eager-commonjs.mjs `"…":(function(exports, module) {`.
    expect(code.match(/"node_modules\/[^"]+"\(exports,\s*module\)\s*\{/g), 'method wrappers left').toBeNull();
    expect(code.match(/"node_modules\/[^"]+":\(function\(exports,\s*module\)\s*\{/g)?.length).toBeGreaterThan(100);
    const map = new module.SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    // Two functions, one from node_modules inside a wrapper and one of ours after many wrappers: where
    // the map says they come from, against the line found in their own files.
    for (const [needle, source, declaration] of [
      ['function fastify(', 'node_modules/fastify/fastify.js', 'function fastify ('],
      ['async function startServer(', 'src/server.ts', 'export async function startServer('],
    ] as const) {
      const offset = code.indexOf(needle);
      expect(offset, needle).toBeGreaterThan(0);
      const line = code.slice(0, offset).split('\n').length - 1;
      const entry = map.findEntry(line, offset - (code.lastIndexOf('\n', offset - 1) + 1)) as {
        originalSource?: string;
        originalLine?: number;
      };
      const lines = readFileSync(join(projectRoot, source), 'utf8').split('\n');
      expect([entry.originalSource?.endsWith(source), entry.originalLine], needle).toEqual([
        true,
        lines.findIndex((l) => l.startsWith(declaration)),
      ]);
    }
  });

  const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
  /** The files of the bundle a start loads: main.js, server.js and the chunks server.js imports. */
  const bundleFilesAtStart = () => {
    const server = readFileSync(join(projectRoot, 'dist', 'server', 'server.js'), 'utf8');
    return 2 + new Set(server.match(/from\s*"\.\/chunks\/[^"]+"/g)).size;
  };
  /** Every file of a folder with its size and modification time. */
  const listing = (dir: string) =>
    Object.fromEntries(
      (readdirSync(dir, { recursive: true }) as string[]).map((name) => {
        const stat = statSync(join(dir, name));
        return [name, `${stat.size}:${stat.mtimeMs}`];
      }),
    );
  const stop = (child: ChildProcess) =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });

  it.skipIf(!hasCompileCache)(
    "fills Node's compile cache (in the temporary folder when NODE_COMPILE_CACHE is not set)",
    async () => {
      const temp = join(dataDir, 'tmp');
      const { child, ready } = startServer({
        DATABASE_PATH: join(dataDir, 'sco.sqlite'),
        TMPDIR: temp,
        NODE_COMPILE_CACHE: '',
      });
      await ready;
      await stop(child);
      const cached = readdirSync(join(temp, 'node-compile-cache'), { recursive: true, withFileTypes: true });
      expect(
        cached.filter((entry) => entry.isFile()).length,
        'src/main.ts enables the compile cache: an entry per module loaded',
      ).toBeGreaterThanOrEqual(bundleFilesAtStart());
    },
  );

  it.skipIf(!hasCompileCache)(
    "gets, from the image's compile-cache step (the runtime stage's RUN), a cache the next start reads whole",
    async () => {
      const runtime = runtimeStage();
      const [fill, ...others] = runtime.steps.flatMap((step) => (step.kind === 'run' ? [step] : []));
      expect(others, 'one RUN in the runtime stage').toEqual([]);
      expect(fill?.user, 'run as the user that runs the server: Node keeps the cache per user').toBe(runtime.user);
      const cache = join(dataDir, 'image-compile-cache');
      const env = {
        ...process.env,
        ...runtime.env,
        NODE_COMPILE_CACHE: cache,
        HOST: '127.0.0.1',
        PORT: String(await freePort()),
        DATABASE_PATH: join(dataDir, 'sco.sqlite'),
        LOG_LEVEL: 'warn',
      };
      // The step as `docker build` runs it, in the working directory standing for the image's /app.
      await promisify(execFile)('sh', ['-c', fill?.command ?? 'false'], { cwd: projectRoot, env, timeout: 60_000 });
      const filled = listing(cache);
      expect(Object.keys(filled).length, 'the step filled the cache').toBeGreaterThanOrEqual(bundleFilesAtStart());

      // Nothing added or rewritten: every module the next start compiled came from the cache.
      const { child, ready } = startServer({ ...env, LOG_LEVEL: 'info', PORT: '0' });
      await ready;
      await stop(child);
      expect(listing(cache)).toEqual(filled);
    },
  );
});

describe('the compiled server when its stdout is not read', () => {
  it('drops log lines past its bounded buffer, then counts them in one warning: written and dropped add up', async () => {
    const requests = 30_000;
    const port = await freePort();
    const child = spawn(process.execPath, startArgs, {
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        ACCESS_LOG: 'true',
        RATE_LIMIT_MAX: '0',
        DATABASE_PATH: join(dataDir, 'sco.sqlite'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = `http://127.0.0.1:${port}/v1/countries/BY`;
      for (
        let i = 0;
        !(await fetch(url).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      ) {
        if (i > 200) throw new Error('the server did not answer');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // Nobody reads stdout meanwhile: about 300 bytes a line, so 30,000 lines pass the 4 MiB bound.
      let sent = 0;
      await Promise.all(
        Array.from({ length: 32 }, async () => {
          while (sent < requests) {
            sent++;
            const response = await fetch(url);
            await response.arrayBuffer();
            if (response.status !== 200) throw new Error(`status ${response.status}`);
          }
        }),
      );
      // Now read it all, until it has been quiet for a second.
      let output = '';
      await new Promise<void>((resolve) => {
        let quiet = setTimeout(resolve, 1000);
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          clearTimeout(quiet);
          quiet = setTimeout(resolve, 1000);
        });
      });
      const lines = output
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; dropped?: number; req?: { url: string } });
      const written = lines.filter((line) => line.msg === 'request completed' && line.req?.url === '/v1/countries/BY');
      const warnings = lines.filter((line) => line.msg.startsWith('log lines dropped'));
      expect(warnings.length, 'a warning that lines were dropped').toBeGreaterThan(0);
      expect(warnings.every((line) => line.level === 40)).toBe(true);
      const dropped = warnings.reduce((sum, line) => sum + (line.dropped ?? 0), 0);
      // Every request (and the one probe that was answered) has its line, written or counted.
      expect(written.length + dropped, `${written.length} written, ${dropped} dropped`).toBe(requests + 1);
    } finally {
      child.kill('SIGTERM');
    }
  }, 90_000);
});

describe('the compiled server without its database', () => {
  const refusal = (path: string, reason: string) =>
    `cannot serve the database ${path}: ${reason}; build it with \`npm run seed\`\n`;

  it('exits 1 with one line naming npm run seed when the database is missing', async () => {
    const missing = join(dataDir, 'missing.sqlite');
    expect(await refusedStart(missing)).toEqual({ code: 1, output: refusal(missing, 'it does not exist') });
  });

  it('exits 1 with one line when the file is not a database', async () => {
    const garbage = join(dataDir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database');
    expect(await refusedStart(garbage)).toEqual({
      code: 1,
      output: refusal(garbage, 'it cannot be read (file is not a database)'),
    });
  });

  it('exits 1 with one line when the database has no dataset row', async () => {
    const empty = join(dataDir, 'empty.sqlite');
    copyFileSync(join(dataDir, 'sco.sqlite'), empty);
    const { openSqlite } = await import('../../dataset/sqlite.js');
    const sqlite = openSqlite(empty);
    sqlite.exec('DELETE FROM dataset');
    sqlite.close();
    expect(await refusedStart(empty)).toEqual({ code: 1, output: refusal(empty, 'it has no dataset row') });
  });
});
