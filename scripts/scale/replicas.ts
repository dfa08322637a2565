import { type ChildProcess, execFileSync, execSync, spawn } from 'node:child_process';
import { cpSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../dataset/paths.js';
import { buildDatabase } from '../../seed/build.js';
import { runtimeStage } from '../dockerfile.js';

// The replicas of the scale test: the production command, run as the image runs it, on loopback.

export const defaultDist = join(projectRoot, 'dist');

/**
 * Builds what the production command runs. Without `outdir`, `npm run build` (what the image runs);
 * with one, only the bundled server, into `outdir`/server (the CI tier: faster, and leaves dist/ alone).
 */
export function buildServer(outdir?: string) {
  if (outdir === undefined) execSync('npm run build', { cwd: projectRoot, stdio: 'ignore' });
  else
    execFileSync(process.execPath, [join(projectRoot, 'scripts', 'bundle.mjs'), outdir], {
      cwd: projectRoot,
      stdio: 'pipe',
    });
}

/**
 * The production command and its environment: the image's CMD (run from the project root, as from
 * the image's /app, with `dist/` standing for `dist`) with the image's ENV and the Deployment's env.
 * The one place that names how a replica starts.
 */
export function productionCommand(dist = defaultDist): {
  command: string;
  args: string[];
  env: Record<string, string>;
} {
  const runtime = runtimeStage();
  if (!Array.isArray(runtime.cmd) || runtime.cmd[0] !== 'node') {
    throw new Error(`the image's CMD should be ["node", ...] in exec form, not ${JSON.stringify(runtime.cmd)}`);
  }
  const args = runtime.cmd.slice(1).map((arg) => (arg.startsWith('dist/') ? join(dist, arg.slice(5)) : arg));
  const deployment = parse(readFileSync(join(projectRoot, 'deploy', 'deployment.yaml'), 'utf8'));
  const containerEnv: { name: string; value: string }[] = deployment.spec.template.spec.containers[0].env ?? [];
  const env = { ...runtime.env, ...Object.fromEntries(containerEnv.map((e) => [e.name, e.value])) };
  return { command: process.execPath, args, env };
}

export interface ReplicaOptions {
  dist?: string;
  port: number;
  databasePath: string;
  /** The seed files the database was built from (another dataset for a canary). */
  seedDir?: string;
  logFile: string;
}

/** One replica process. */
export class Replica {
  readonly startedAt = performance.now();
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly child: ChildProcess;

  constructor(
    readonly name: string,
    readonly options: ReplicaOptions,
  ) {
    const { command, args, env } = productionCommand(options.dist);
    const log = openSync(options.logFile, 'a');
    this.child = spawn(command, args, {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        ...env,
        // Loopback and a port of its own; the database shared by every replica, opened read-only.
        HOST: '127.0.0.1',
        PORT: String(options.port),
        DATABASE_PATH: options.databasePath,
        ...(options.seedDir ? { SEED_DIR: options.seedDir } : {}),
        // The limit lives in the balancer (deploy/haproxy.cfg): per-replica counters would add up.
        RATE_LIMIT_MAX: '0',
      },
      stdio: ['ignore', log, log],
    });
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal: signal as NodeJS.Signals | null })),
    );
  }

  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Milliseconds from spawn until /readyz answers 200. */
  async ready(timeoutMs = 30_000): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (!this.running) throw new Error(`replica ${this.name} exited while starting; see ${this.options.logFile}`);
      const status = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.status)
        .catch(() => 0);
      if (status === 200) return performance.now() - this.startedAt;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`replica ${this.name} was not ready after ${timeoutMs} ms; see ${this.options.logFile}`);
  }

  /** Sends the signal; resolves with how the process ended and how long it took. */
  async stop(signal: NodeJS.Signals) {
    const sent = performance.now();
    if (this.running) this.child.kill(signal);
    const end = await this.exited;
    return { ...end, ms: performance.now() - sent };
  }
}

export interface Databases {
  main: { path: string; version: string };
  canary: { path: string; seedDir: string; version: string };
}

/**
 * The database every replica shares, built from seed/ (or one given, e.g. the tests' own), and a
 * canary's, built from a copy of seed/data whose dataset.yaml has the next patch version. The
 * repository's files are only read.
 */
export function buildDatabases(dir: string, mainPath?: string): Databases {
  const main = mainPath ?? join(dir, 'sco.sqlite');
  if (mainPath === undefined) buildDatabase({ databasePath: main });
  const datasetFile = join(projectRoot, 'seed', 'data', 'dataset.yaml');
  const text = readFileSync(datasetFile, 'utf8');
  const version = String(parse(text).version);
  const [major, minor, patch] = version.split('.').map(Number);
  const canaryVersion = `${major}.${minor}.${(patch ?? 0) + 1}`;
  const seedDir = join(dir, 'canary-seed');
  cpSync(join(projectRoot, 'seed', 'data'), seedDir, { recursive: true });
  const changed = text.replace(/^version: .*$/m, `version: ${canaryVersion}`);
  if (changed === text) throw new Error(`no version line in ${datasetFile}`);
  writeFileSync(join(seedDir, 'dataset.yaml'), changed);
  const canaryPath = join(dir, 'canary.sqlite');
  buildDatabase({ databasePath: canaryPath, seedDir });
  return { main: { path: main, version }, canary: { path: canaryPath, seedDir, version: canaryVersion } };
}
