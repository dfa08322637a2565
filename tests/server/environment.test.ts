import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../helpers.js';

// The process's environment: refused when invalid; TRUST_PROXY with the rate limit. (The server never
// builds its database: tests/build and tests/seed/stale.test.ts cover `npm run seed -- --if-stale`.)
const dir = mkdtempSync(join(tmpdir(), 'sco-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs src/main.ts; stops it with SIGTERM once it logs that it is ready. */
function runMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (/"msg":"ready: dataset/.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => {
    child.once('exit', (code) => resolve({ stdout, stderr, code }));
  });
}

describe('an invalid environment', () => {
  it.each([
    ['PORT', 'http', 'PORT: Invalid input: expected number, received NaN'],
    ['TRUST_PROXY', 'sometimes', 'TRUST_PROXY: expected true, false or a hop count'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL: Invalid option'],
    ['ACCESS_LOG', 'sometimes', 'ACCESS_LOG: expected true or false'],
  ])('%s=%s: one line on stderr naming the variable, exit 1, nothing started', async (name, value, message) => {
    const { stdout, stderr, code } = await runMain({ [name]: value });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines, stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^invalid environment: /);
    expect(lines[0]).toContain(message);
  });
});

describe('ACCESS_LOG: a line for every request answered', () => {
  type Line = { msg: string; reqId?: string; req?: { method: string; url: string }; res?: { statusCode: number } };

  /** The log lines (at `info`) written while answering these URLs, and the request ids answered. */
  async function logOf(accessLog: string | undefined, urls: string[]) {
    const lines: Line[] = [];
    const app = await buildTestApp(accessLog === undefined ? {} : { ACCESS_LOG: accessLog }, {
      logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } },
    });
    try {
      await app.ready();
      lines.length = 0;
      const answered: { id: string; status: number }[] = [];
      for (const url of urls) {
        const response = await app.inject({ url });
        answered.push({ id: String(response.headers['x-request-id']), status: response.statusCode });
      }
      return { lines, answered };
    } finally {
      await app.close();
    }
  }

  const urls = ['/v1/countries/BY', '/v1/countries/XX', '/v1/countries?asOf=2012-02-30'];

  it('writes none by default: answers, including 404 and 400 problems, leave the log to the edge', async () => {
    const { lines, answered } = await logOf(undefined, urls);
    expect(answered.map((a) => a.status)).toEqual([200, 404, 400]);
    expect(lines.filter((line) => line.msg === 'request completed')).toEqual([]);
  });

  it('writes one line a request with ACCESS_LOG=true: its method, URL, status and the request id it answered with', async () => {
    const { lines, answered } = await logOf('true', urls);
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(
      completed.map((line) => [line.reqId, line.req?.method, line.req?.url, line.res?.statusCode]),
      JSON.stringify(lines),
    ).toEqual([
      [answered[0]?.id, 'GET', '/v1/countries/BY', 200],
      [answered[1]?.id, 'GET', '/v1/countries/XX', 404],
      [answered[2]?.id, 'GET', '/v1/countries?asOf=2012-02-30', 400],
    ]);
    expect(lines.filter((line) => line.msg === 'incoming request')).toEqual([]);
  });
});

describe('TRUST_PROXY and the rate limit', () => {
  /** Statuses of requests from one socket address carrying these X-Forwarded-For values. */
  async function statuses(trustProxy: string, forwardedFor: string[]) {
    const app = await buildTestApp({ RATE_LIMIT_MAX: '2', TRUST_PROXY: trustProxy });
    try {
      const result: number[] = [];
      for (const client of forwardedFor) {
        const response = await app.inject({
          method: 'GET',
          url: '/v1/meta',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
        result.push(response.statusCode);
      }
      return result;
    } finally {
      await app.close();
    }
  }

  it('counts each forwarded client on its own behind one trusted proxy (TRUST_PROXY=1)', async () => {
    expect(await statuses('1', ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2', '203.0.113.2'])).toEqual([
      200, 200, 429, 200, 200,
    ]);
  });

  it('counts the proxy, not the header, without it (TRUST_PROXY=false): a client cannot pick a fresh address', async () => {
    expect(await statuses('false', ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([200, 200, 429]);
  });

  it('trusts only the nearest hop: an address the client prepends does not escape its limit', async () => {
    expect(
      await statuses('1', ['198.51.100.7, 203.0.113.1', '198.51.100.8, 203.0.113.1', '198.51.100.9, 203.0.113.1']),
    ).toEqual([200, 200, 429]);
  });
});

describe("a request's logger", () => {
  type Line = { msg: string; reqId?: string; err?: { message: string } };

  it('is made only when the request logs, and its lines carry the request id', async () => {
    const lines: Line[] = [];
    const app = await buildTestApp(
      {},
      { logger: { level: 'info', stream: { write: (line: string) => lines.push(JSON.parse(line)) } } },
    );
    app.get('/v1/boom', { schema: { hide: true } }, async () => {
      throw new Error('boom');
    });
    try {
      await app.ready();
      const child = vi.spyOn(app.log, 'child');
      // Fresh, kept and cached answers and a 400 problem log nothing, so no child logger is made.
      for (const url of ['/v1/countries/BY', '/v1/countries/BY', '/v1/countries/BY', '/v1/countries?asOf=2012-02-30']) {
        await app.inject({ url });
      }
      expect(child.mock.calls).toEqual([]);
      lines.length = 0;
      const failed = await app.inject({ url: '/v1/boom', headers: { 'x-request-id': 'boom-2' } });
      expect(failed.statusCode).toBe(500);
      expect(child.mock.calls.map(([bindings]) => bindings)).toEqual([{ reqId: 'boom-2' }]);
      expect(lines.map((line) => [line.msg, line.reqId, line.err?.message])).toEqual([
        ['request failed', 'boom-2', 'boom'],
      ]);
    } finally {
      await app.close();
    }
  });
});
