import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../dataset/paths.js';
import { findHaproxy } from '../../scripts/scale/balancer.js';
import { buildServer } from '../../scripts/scale/replicas.js';
import { BEGIN, END, renderReport } from '../../scripts/scale/report.js';
import { runScaleTest, type ScaleReport } from '../../scripts/scale/scenario.js';

// The short version of `npm run scale-test`: three replicas of the production command behind
// HAProxy with deploy/haproxy.cfg, a few seconds of read load per phase, a rolling restart, a
// SIGKILL, a canary, and the balancer's rate limit. No timing is asserted except the balancer's
// own reaction (a ready replica back in rotation within 5 s); the figures are the CLI's to print.
// Without HAProxy the tests are skipped, except in CI, where they must run.

const haproxy = findHaproxy();
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const LIMIT = 30;

if (!haproxy && !inCi) {
  console.warn(
    '[scale] SKIPPED the scale tests: no haproxy. Install it (apt-get install haproxy) or set HAPROXY_PATH; CI=true makes them required.',
  );
}

if (inCi && !haproxy) {
  describe('scale tests in CI', () => {
    it('need HAProxy', () => {
      throw new Error(
        'CI=true but there is no haproxy: install it (.ci/run does: apt-get install haproxy) or set HAPROXY_PATH',
      );
    });
  });
}

describe('docs/deploy.md', () => {
  it('shows the figures of docs/scale-test.json, as `npm run scale-test -- --record` wrote them', () => {
    const recorded = JSON.parse(readFileSync(join(projectRoot, 'docs', 'scale-test.json'), 'utf8')) as ScaleReport;
    const docs = readFileSync(join(projectRoot, 'docs', 'deploy.md'), 'utf8');
    const figures = docs.slice(docs.indexOf(BEGIN) + BEGIN.length, docs.indexOf(END)).trim();
    expect(figures, 'the figures in docs/deploy.md were edited by hand or not recorded').toBe(renderReport(recorded));
    expect(recorded.failures, 'the recorded run missed a target').toEqual([]);
  });
});

describe.skipIf(!haproxy)('three replicas behind HAProxy (deploy/haproxy.cfg)', () => {
  const stableVersion = String(parse(readFileSync(join(projectRoot, 'seed', 'data', 'dataset.yaml'), 'utf8')).version);
  let report: ScaleReport;
  let outdir: string;
  const phase = (name: string) => {
    const found = report.phases.find((p) => p.name === name);
    if (!found) throw new Error(`no phase ${name}`);
    return found;
  };

  beforeAll(async () => {
    mkdirSync(join(projectRoot, 'dist'), { recursive: true });
    outdir = mkdtempSync(join(projectRoot, 'dist', 'test-scale-'));
    buildServer(outdir);
    report = await runScaleTest({
      haproxy: haproxy as string,
      dist: outdir,
      databasePath: inject('databasePath'),
      connections: 8,
      throughputSeconds: 2,
      throughputRounds: 1,
      steadySeconds: 3,
      canarySeconds: 3,
      rateLimit: LIMIT,
      maxRequestsPerPhase: 20_000,
    });
  }, 300_000);

  afterAll(() => {
    if (outdir) rmSync(outdir, { recursive: true, force: true });
  });

  for (const name of ['steady', 'rolling restart', 'SIGKILL and restart', 'canary']) {
    it(`${name}: every request through the balancer answered 2xx or 304, with no connection error`, () => {
      const p = phase(name);
      expect(p.requests, `${name}: no request answered`).toBeGreaterThan(0);
      expect(p.failed, `${name}: answers by status ${JSON.stringify(p.statuses)}`).toBe(0);
      expect(p.connectionErrors, `${name}: connection errors`).toBe(0);
      expect(p.timeouts, `${name}: requests unanswered after 30 s`).toBe(0);
    });
  }

  it('gives the same ETag for the same request on every replica, directly and through the balancer', () => {
    expect(report.etagsAcrossReplicas.replicas).toBe(3);
    expect(report.etagsAcrossReplicas.mismatches).toEqual([]);
    const steady = phase('steady');
    expect(steady.keysWithSeveralEtags, 'a repeated request got two ETags through the balancer').toBe(0);
    expect(
      Object.values(report.steadyRequestsPerReplica).every((n) => n > 0),
      'a replica got no request',
    ).toBe(true);
    expect(steady.statuses['304'], 'no conditional request was answered 304 through the balancer').toBeGreaterThan(0);
  });

  it('replaces each of the three replicas in a rolling restart, each exiting 0 on SIGTERM', () => {
    expect(report.rollingRestart.map((s) => s.replaced.split('#')[0])).toEqual(['api1', 'api2', 'api3']);
    expect(report.rollingRestart.map((s) => s.exitCode)).toEqual([0, 0, 0]);
  });

  it('takes a killed replica out of rotation, and puts its restart back within 5 s of its being ready', () => {
    expect(report.kill.readyToRotationMs).toBeLessThan(5000);
    expect(report.kill.outOfRotationMs).toBeLessThan(5000);
  });

  it('shows clients both dataset versions during a canary, each with ETags of its own', () => {
    const canary = phase('canary');
    const [major, minor, patch] = stableVersion.split('.').map(Number);
    const canaryVersion = `${major}.${minor}.${(patch ?? 0) + 1}`;
    expect(Object.keys(canary.versions).sort()).toEqual([stableVersion, canaryVersion].sort());
    expect(canary.etagsPerVersion[canaryVersion]).toBeGreaterThan(0);
    expect(report.failures.filter((f) => f.includes('canary'))).toEqual([]);
  });

  it(`holds a limit of ${LIMIT} requests a minute across all replicas, not ${LIMIT} on each`, () => {
    const { rateLimit } = report;
    expect(rateLimit.sent).toBe(2 * LIMIT);
    expect(rateLimit.passed).toBe(LIMIT);
    expect(rateLimit.limited).toBe(LIMIT);
    const served = Object.values(rateLimit.passedPerReplica);
    expect(served.length, 'the replicas in rotation').toBe(3);
    expect(
      served.every((n) => n > 0),
      `requests per replica ${JSON.stringify(rateLimit.passedPerReplica)}`,
    ).toBe(true);
    expect(served.reduce((a, b) => a + b, 0)).toBe(LIMIT);
    expect(rateLimit.remaining).toEqual([
      ...Array.from({ length: LIMIT }, (_, i) => LIMIT - 1 - i),
      ...Array(LIMIT).fill(0),
    ]);
    expect(rateLimit.otherClientStatus, 'another client address is not limited by this one').toBe(200);
  });

  it('answers over the limit with 429, Retry-After, the RateLimit headers and the API problem', () => {
    const { status, headers, body } = report.rateLimit.limitedAnswer;
    expect(status).toBe(429);
    expect(headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['ratelimit-limit']).toBe(String(LIMIT));
    expect(headers['ratelimit-remaining']).toBe('0');
    const retryAfter = Number(headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(headers['ratelimit-reset']).toBe(headers['retry-after']);
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['access-control-expose-headers']).toContain('Retry-After');
    expect(headers['x-request-id']).toBe(`scale-limit-${LIMIT}`);
    expect(JSON.parse(body)).toEqual({
      type: '/problems/rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: `more than ${LIMIT} requests in a minute from this client; retry in ${retryAfter} s`,
      instance: '/v1/meta',
      requestId: `scale-limit-${LIMIT}`,
    });
  });
});
