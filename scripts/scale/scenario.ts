import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Balancer, SLOTS } from './balancer.js';
import { fixedVariants, Knowledge, type PhaseResult, startLoad } from './load.js';
import { buildDatabases, Replica } from './replicas.js';

// The scale test: three replicas of the production command behind HAProxy (deploy/haproxy.cfg),
// a read load through it, and during the load a rolling restart, a replica killed and restarted,
// and a canary on another dataset version; then the rate limit, which must hold across replicas.

export interface ScaleOptions {
  haproxy: string;
  /** The built server (see buildServer); dist/ by default. */
  dist?: string;
  /** A database built from the current seed, shared by the replicas; built when absent. */
  databasePath?: string;
  connections: number;
  /** Seconds of each measured run: one replica direct and through the balancer (interleaved rounds), steady, canary. */
  throughputSeconds: number;
  throughputRounds: number;
  steadySeconds: number;
  canarySeconds: number;
  /** The limit configured for the rate limit check (requests a minute per client). */
  rateLimit: number;
  /** Upper bound on the requests of each phase (and 10 minutes on its duration). */
  maxRequestsPerPhase: number;
  log?: (line: string) => void;
  keepWorkDir?: boolean;
}

export interface ScaleReport {
  date: string;
  machine: { node: string; haproxy: string; cpus: number };
  connections: number;
  replicas: number;
  etagsAcrossReplicas: { requests: number; replicas: number; mismatches: string[] };
  throughput: { directPerSecond: number; balancedPerSecond: number; ratio: number; rounds: number };
  phases: PhaseResult[];
  steadyRequestsPerReplica: Record<string, number>;
  rollingRestart: {
    slot: string;
    replaced: string;
    startToReadyMs: number;
    startToRotationMs: number;
    drainMs: number;
    exitCode: number | null;
  }[];
  kill: {
    slot: string;
    outOfRotationMs: number;
    restartToReadyMs: number;
    restartToRotationMs: number;
    readyToRotationMs: number;
  };
  /** The fixed rate of the steady, rolling restart, SIGKILL and canary phases (requests a second). */
  phaseRate: number;
  canary: { stableVersion: string; canaryVersion: string; canaryShare: number; conditionalAnswered200: number };
  rateLimit: {
    limit: number;
    sent: number;
    passed: number;
    limited: number;
    passedPerReplica: Record<string, number>;
    remaining: number[];
    otherClientStatus: number;
    limitedAnswer: { status: number; headers: Record<string, string>; body: string };
  };
  /** Targets missed: the run fails. */
  failures: string[];
  /** Timing targets missed because of the machine's speed (reported, not failed). */
  notes: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One GET with node:http (a client address of its own where given); the body as text, undecoded. */
function get(url: string, headers: Record<string, string>, agent: Agent, localAddress?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent, localAddress, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

const round = (ms: number) => Math.round(ms);

export async function runScaleTest(options: ScaleOptions): Promise<ScaleReport> {
  const log = options.log ?? (() => {});
  const work = mkdtempSync(join(tmpdir(), 'sco-scale-'));
  const logs = join(work, 'logs');
  mkdirSync(logs);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const balancers: Balancer[] = [];
  const slots: (Replica | null)[] = SLOTS.map(() => null);
  const everyReplica: Replica[] = [];
  let started = 0;
  try {
    log(`databases (in ${work})`);
    const databases = buildDatabases(work, options.databasePath);
    const slotPorts = await Promise.all(SLOTS.map(() => freePort()));
    const start = (index: number, canary = false) => {
      const name = `${SLOTS[index]}#${++started}`;
      const replica = new Replica(name, {
        dist: options.dist,
        port: slotPorts[index] as number,
        databasePath: canary ? databases.canary.path : databases.main.path,
        seedDir: canary ? databases.canary.seedDir : undefined,
        logFile: join(logs, `${name.replace('#', '-')}.log`),
      });
      slots[index] = replica;
      everyReplica.push(replica);
      return replica;
    };
    const running = () => slots.filter((s): s is Replica => s !== null);

    log('three replicas of the production command');
    await Promise.all([0, 1, 2].map((i) => start(i).ready()));
    const balancer = new Balancer({
      haproxy: options.haproxy,
      port: await freePort(),
      adminSocket: join(work, 'admin.sock'),
      slotPorts,
      // The load comes from one address: the limit is checked on a second balancer below.
      ratePerMinute: 1_000_000_000,
      logFile: join(logs, 'haproxy.log'),
    });
    balancers.push(balancer);
    await balancer.started();
    for (const slot of SLOTS.slice(0, 3)) await balancer.waitUp(slot);

    const failures: string[] = [];
    const knowledge = new Knowledge();
    const phase = (name: string, url: string, maxSeconds = 600, rate?: number) =>
      startLoad({
        url,
        name,
        connections: options.connections,
        maxSeconds,
        maxRequests: options.maxRequestsPerPhase,
        rate,
        knowledge,
      });

    log('ETags of each repeated request on each replica, directly');
    const variants = fixedVariants();
    const etags = async (replica: Replica) => {
      const tags: string[] = [];
      for (const variant of variants) {
        tags.push((await get(`${replica.url}${variant.path}`, variant.headers, agent)).headers.etag ?? '');
      }
      return tags;
    };
    const perReplica = await Promise.all(running().map(etags));
    const mismatches = variants
      .map((v, i) => ({ v, tags: new Set(perReplica.map((tags) => tags[i])) }))
      .filter(({ tags }) => tags.size !== 1 || tags.has(''))
      .map(({ v, tags }) => `${v.path} (${v.headers['accept-encoding']}): ${[...tags].join(' ')}`);
    for (const tags of perReplica) for (const tag of tags) knowledge.versionByEtag.set(tag, databases.main.version);

    log('throughput: one replica direct, then three through the balancer, interleaved');
    const direct: PhaseResult[] = [];
    const balanced: PhaseResult[] = [];
    const directUrl = (slots[0] as Replica).url;
    for (let r = 0; r < options.throughputRounds; r++) {
      direct.push(await phase('one replica, direct', directUrl, options.throughputSeconds).done);
      balanced.push(await phase('three replicas, balanced', balancer.url, options.throughputSeconds).done);
    }
    const perSecond = (runs: PhaseResult[]) =>
      Math.round(runs.reduce((a, r) => a + r.requests, 0) / runs.reduce((a, r) => a + r.seconds, 0));

    // The phases below run at one fixed rate, half of what the balancer answered flat out: a
    // deployment has headroom, and one rate makes their latencies comparable.
    const rate = Math.max(20, Math.round(perSecond(balanced) / 2));
    log(`steady load through the balancer, ${rate} requests a second`);
    const before = await balancer.servers();
    const steady = await phase('steady', balancer.url, options.steadySeconds, rate).done;
    const after = await balancer.servers();
    const steadyRequestsPerReplica = Object.fromEntries(
      SLOTS.slice(0, 3).map((slot) => [slot, (after[slot]?.requests ?? 0) - (before[slot]?.requests ?? 0)]),
    );

    log('rolling restart under load: a new replica ready before each old one gets SIGTERM');
    const rolling = phase('rolling restart', balancer.url, 600, rate);
    await sleep(500);
    const rollingRestart: ScaleReport['rollingRestart'] = [];
    for (const old of running()) {
      const free = slots.indexOf(null);
      const fresh = start(free);
      const readyMs = await fresh.ready();
      const upAt = await balancer.waitUp(SLOTS[free] as string);
      slots[slots.indexOf(old)] = null;
      const end = await old.stop('SIGTERM');
      rollingRestart.push({
        slot: SLOTS[free] as string,
        replaced: old.name,
        startToReadyMs: round(readyMs),
        startToRotationMs: round(upAt - fresh.startedAt),
        drainMs: round(end.ms),
        exitCode: end.code,
      });
      log(`  ${old.name} replaced by ${fresh.name}: exit ${end.code} after ${round(end.ms)} ms`);
    }
    await sleep(1000);
    rolling.stop();
    const rollingResult = await rolling.done;

    log('SIGKILL of one replica under load, and its restart');
    const killing = phase('SIGKILL and restart', balancer.url, 600, rate);
    await sleep(1000);
    const victimIndex = slots.findIndex((s) => s !== null);
    const victim = slots[victimIndex] as Replica;
    const slot = SLOTS[victimIndex] as string;
    const killedAt = performance.now();
    await victim.stop('SIGKILL');
    slots[victimIndex] = null;
    while ((await balancer.servers())[slot]?.up) await sleep(20);
    const outOfRotationMs = round(performance.now() - killedAt);
    // The platform's restart delay.
    await sleep(1000);
    const restarted = start(victimIndex);
    const restartToReadyMs = round(await restarted.ready());
    const inRotationAt = await balancer.waitUp(slot);
    const restartToRotationMs = round(inRotationAt - restarted.startedAt);
    const readyToRotationMs = round(restartToRotationMs - restartToReadyMs);
    await sleep(1000);
    killing.stop();
    const killResult = await killing.done;

    log('a canary replica on another dataset version, under load, then rolled back');
    const canarySlot = slots.indexOf(null);
    const canary = start(canarySlot, true);
    await canary.ready();
    await balancer.waitUp(SLOTS[canarySlot] as string);
    for (const [i, tag] of (await etags(canary)).entries()) {
      knowledge.versionByEtag.set(tag, databases.canary.version);
      if (!tag || tag === perReplica[0]?.[i]) failures.push(`the canary gave a stable ETag for ${variants[i]?.path}`);
    }
    const canaryLoad = phase('canary', balancer.url, 600, rate);
    await sleep(options.canarySeconds * 1000);
    slots[canarySlot] = null;
    await canary.stop('SIGTERM');
    await sleep(1000);
    canaryLoad.stop();
    const canaryResult = await canaryLoad.done;
    const classified = Object.values(canaryResult.versions).reduce((a, b) => a + b, 0);

    log(`the rate limit: ${options.rateLimit} a minute, on a second balancer with the same file`);
    const limited = new Balancer({
      ...balancer.options,
      port: await freePort(),
      adminSocket: join(work, 'admin-limited.sock'),
      ratePerMinute: options.rateLimit,
      logFile: join(logs, 'haproxy-limited.log'),
    });
    balancers.push(limited);
    await limited.started();
    const live = SLOTS.filter((_, i) => slots[i] !== null);
    for (const s of live) await limited.waitUp(s);
    // The window is a clock minute: start the burst well inside one.
    const leftInMinute = 60_000 - (Date.now() % 60_000);
    if (leftInMinute < 5000) await sleep(leftInMinute + 200);
    const minute = Math.floor(Date.now() / 60_000);
    const counted = await limited.servers();
    const sent = options.rateLimit * 2;
    const answers: Answer[] = [];
    for (let i = 0; i < sent; i++) {
      answers.push(await get(`${limited.url}/v1/meta`, { 'x-request-id': `scale-limit-${i}` }, agent));
    }
    const countedAfter = await limited.servers();
    const otherClient = await get(`${limited.url}/v1/meta`, {}, new Agent(), '127.0.0.2');
    if (Math.floor(Date.now() / 60_000) !== minute) failures.push('the rate limit burst crossed a minute boundary');
    const passedAnswers = answers.filter((a) => a.status !== 429);
    const limitedAnswer = answers.find((a) => a.status === 429);
    const rateLimit: ScaleReport['rateLimit'] = {
      limit: options.rateLimit,
      sent,
      passed: passedAnswers.length,
      limited: answers.length - passedAnswers.length,
      passedPerReplica: Object.fromEntries(
        live.map((s) => [s, (countedAfter[s]?.requests ?? 0) - (counted[s]?.requests ?? 0)]),
      ),
      remaining: answers.map((a) => Number(a.headers['ratelimit-remaining'])),
      otherClientStatus: otherClient.status,
      limitedAnswer: limitedAnswer
        ? { status: limitedAnswer.status, headers: limitedAnswer.headers, body: limitedAnswer.body }
        : { status: 0, headers: {}, body: '' },
    };

    const phases = [steady, rollingResult, killResult, canaryResult];
    for (const p of phases) {
      if (p.requests === 0) failures.push(`${p.name}: no request answered`);
      if (p.failed > 0) failures.push(`${p.name}: ${p.failed} answers other than 2xx or 304`);
      if (p.connectionErrors > 0) failures.push(`${p.name}: ${p.connectionErrors} connection errors`);
      if (p.timeouts > 0) failures.push(`${p.name}: ${p.timeouts} requests unanswered after 30 s`);
    }
    if (mismatches.length > 0) failures.push(`ETags differ between replicas: ${mismatches.join('; ')}`);
    if (steady.keysWithSeveralEtags > 0) {
      failures.push(`${steady.keysWithSeveralEtags} requests got different ETags through the balancer`);
    }
    for (const [s, n] of Object.entries(steadyRequestsPerReplica)) {
      if (n === 0) failures.push(`${s} got no request in the steady phase`);
    }
    for (const step of rollingRestart) {
      if (step.exitCode !== 0) failures.push(`${step.replaced} exited ${step.exitCode} on SIGTERM`);
    }
    // The balancer's part is checked; the server's start-up is a figure of the machine (npm run bench).
    if (readyToRotationMs > 5000)
      failures.push(`the killed replica was in rotation ${readyToRotationMs} ms after it was ready`);
    const notes: string[] = [];
    if (restartToRotationMs > 5000) {
      notes.push(
        `the killed replica was back in rotation ${restartToRotationMs} ms after its restart (target: 5 s), ${restartToReadyMs} ms of which were its own start-up on this machine, under load`,
      );
    }
    if (!canaryResult.versions[databases.canary.version]) failures.push('no client saw the canary');
    if (rateLimit.passed !== rateLimit.limit) {
      failures.push(`${rateLimit.passed} of ${sent} requests passed a limit of ${rateLimit.limit}`);
    }
    for (const [s, n] of Object.entries(rateLimit.passedPerReplica)) {
      if (n === 0) failures.push(`${s} served none of the limited client's requests`);
    }
    if (otherClient.status !== 200) failures.push(`another client got ${otherClient.status} while one was limited`);

    return {
      date: new Date().toISOString(),
      machine: {
        node: process.version,
        haproxy: /version (\S+)/.exec(execFileSync(options.haproxy, ['-v']).toString())?.[1] ?? 'unknown',
        cpus: cpus().length,
      },
      connections: options.connections,
      phaseRate: rate,
      replicas: 3,
      etagsAcrossReplicas: { requests: variants.length, replicas: perReplica.length, mismatches },
      throughput: {
        directPerSecond: perSecond(direct),
        balancedPerSecond: perSecond(balanced),
        ratio: Math.round((perSecond(balanced) / perSecond(direct)) * 100) / 100,
        rounds: options.throughputRounds,
      },
      phases: [...direct, ...balanced, ...phases],
      steadyRequestsPerReplica,
      rollingRestart,
      kill: { slot, outOfRotationMs, restartToReadyMs, restartToRotationMs, readyToRotationMs },
      canary: {
        stableVersion: databases.main.version,
        canaryVersion: databases.canary.version,
        canaryShare: classified
          ? Math.round(((canaryResult.versions[databases.canary.version] ?? 0) / classified) * 100) / 100
          : 0,
        conditionalAnswered200: canaryResult.conditional - canaryResult.notModified,
      },
      rateLimit,
      failures,
      notes,
    };
  } finally {
    await Promise.all(everyReplica.map((r) => r.stop('SIGTERM')));
    await Promise.all(balancers.map((b) => b.stop()));
    agent.destroy();
    if (!options.keepWorkDir) rmSync(work, { recursive: true, force: true });
    else log(`logs kept in ${logs}`);
  }
}
