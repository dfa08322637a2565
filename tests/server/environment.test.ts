import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
