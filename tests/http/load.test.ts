import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMix } from '../../scripts/load-mix.js';
import type { App } from '../../src/app.js';
import { buildTestApp, expectResponsesMatchDocument } from '../helpers.js';

// A short version of `npm run soak`: the same mix against the app on a port, a few seconds.
let app: App;
let base: string;
beforeAll(async () => {
  // The shipped mode, the rate limit on, with a limit this load cannot reach.
  app = await buildTestApp({ LOG_LEVEL: 'silent', RATE_LIMIT_MAX: '1000000' });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await app.close();
});
expectResponsesMatchDocument();

describe('load smoke test', () => {
  // How many requests fit in the seconds is the benchmark's business (npm run bench), not a test's.
  it('answers a mix of every endpoint under 20 connections with no error and no non-2xx', async () => {
    const result = await runMix(base, 3, 20);
    expect(result.requests, 'at least one request was answered').toBeGreaterThan(0);
    expect(result.errors).toBe(0);
    expect(result.non2xx).toBe(0);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
