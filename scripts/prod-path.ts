// `npm run prod-path`: the container's path replayed without a container engine. A fresh clone of
// HEAD is the build context; each Dockerfile stage becomes a directory standing for its /app, made
// by the stage's own COPY and RUN lines; then the runtime stage's CMD starts as its USER on a
// read-only root filesystem, and the API must answer. Slow (two installs that compile
// better-sqlite3), so it is not part of `npm test`.
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import module from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { projectRoot } from '../dataset/paths.js';
import { type DockerStage, readDockerfile, runtimeStage } from './dockerfile.js';

const IMAGE_ROOT = '/app';
// The toolchain layer (apt-get install python3 make g++) is stood in for by this machine's own.
const HOST_PROVIDED = /^apt-get\b/;

const work = mkdtempSync(join(tmpdir(), 'sco-api-prod-path-'));
chmodSync(work, 0o755); // the server runs as the image's unprivileged user and must reach its files
const buildLog = join(work, 'build.log');
const results: { name: string; ok: boolean }[] = [];

function check(name: string, ok: boolean, detail = '') {
  results.push({ name, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `: ${detail}` : ''}`);
}

/**
 * A clean environment: nothing from this shell (DATABASE_PATH, PORT...) leaks into the replay, but
 * npm_config_nodedir, with which the installs compile better-sqlite3 for another Node on PATH (as
 * scripts/node24.sh runs Node 24).
 */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const nodedir = process.env.npm_config_nodedir;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    ...(nodedir ? { npm_config_nodedir: nodedir } : {}),
    ...extra,
  };
}

const isRoot = process.getuid?.() === 0;
const idsOf = (user: string | null) => {
  const [uid = '0', gid = uid] = (user ?? '0').split(':');
  return { uid, gid };
};

/**
 * The image's ENV for the replay. NODE_COMPILE_CACHE names a folder outside /app (in the home of the
 * image's user): it gets a folder of the replay, owned by that user, standing for it.
 */
function replayEnv(env: Record<string, string>, user: string | null): Record<string, string> {
  const cache = env.NODE_COMPILE_CACHE;
  if (!cache || !posix.isAbsolute(cache) || !posix.relative(IMAGE_ROOT, cache).startsWith('..')) return env;
  const dir = join(work, 'rootfs', cache);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    const { uid, gid } = idsOf(user);
    if (isRoot) chownSync(dir, Number(uid), Number(gid));
  }
  return { ...env, NODE_COMPILE_CACHE: dir };
}

function run(command: string, cwd: string, env: Record<string, string>, user: string | null) {
  const started = Date.now();
  const fd = openSync(buildLog, 'a');
  // As the step's USER when it has one (and this replay runs as root).
  const { uid, gid } = idsOf(user);
  const [program, args] =
    isRoot && uid !== '0'
      ? ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--', 'sh', '-c', command]]
      : ['sh', ['-c', command]];
  const result = spawnSync(program, args, { cwd, env: cleanEnv(env), stdio: ['ignore', fd, fd] });
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result.status !== 0) {
    console.log(readFileSync(buildLog, 'utf8').split('\n').slice(-30).join('\n'));
    throw new Error(`RUN ${command} failed (exit ${result.status}) after ${seconds}s; log: ${buildLog}`);
  }
  console.log(`   RUN ${command}  (${seconds}s)`);
}

/** Where a path of the image lives in the replay: a stage's directory stands for its /app. */
function hostPath(stageDir: string, imagePath: string): string {
  const inside = posix.relative(IMAGE_ROOT, posix.resolve(IMAGE_ROOT, imagePath));
  if (inside.startsWith('..')) throw new Error(`the replay maps only ${IMAGE_ROOT}, not ${imagePath}`);
  return join(stageDir, inside);
}

async function buildStage(stage: DockerStage, context: string, stageDirs: Map<string, string>): Promise<string> {
  const dir = join(work, 'stages', stage.name ?? `stage-${stageDirs.size}`);
  const parent = stageDirs.get(stage.base);
  if (parent) cpSync(parent, dir, { recursive: true, verbatimSymlinks: true });
  else mkdirSync(dir, { recursive: true });
  if (stage.workdir !== IMAGE_ROOT) throw new Error(`stage ${stage.name}: the replay needs WORKDIR ${IMAGE_ROOT}`);
  console.log(`-- stage ${stage.name}: FROM ${stage.base}${parent ? '' : ' (this machine stands in for the image)'}`);
  for (const step of stage.steps) {
    if (step.kind === 'run') {
      if (HOST_PROVIDED.test(step.command)) console.log(`   RUN ${step.command.slice(0, 50)}... (this machine's own)`);
      // A step that starts the server (the compile cache's) listens on loopback, on a free port.
      else {
        const env = { ...replayEnv(stage.env, step.user), HOST: '127.0.0.1', PORT: String(await freePort()) };
        run(step.command, dir, env, step.user);
      }
      continue;
    }
    const fromDir = step.from === null ? context : stageDirs.get(step.from);
    if (!fromDir) throw new Error(`COPY --from=${step.from}: no such stage`);
    for (const source of step.sources) {
      const from = step.from === null ? join(context, source) : hostPath(fromDir, source);
      const to = hostPath(dir, step.destination);
      const target = step.destination.endsWith('/') ? join(to, posix.basename(source)) : to;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(from, target, { recursive: true, verbatimSymlinks: true });
    }
    console.log(`   COPY ${step.from ? `--from=${step.from} ` : ''}${step.sources.join(' ')} ${step.destination}`);
  }
  return dir;
}

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

/** Every file under dir with its size and modification time, to show the server wrote nothing. */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const stat = lstatSync(join(dir, name));
    files.set(name, `${stat.size}:${stat.mtimeMs}`);
  }
  return files;
}

async function get(port: number, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.text() };
}

async function waitForReady(port: number, server: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      if ((await get(port, '/readyz')).status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main() {
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: projectRoot }).toString().trim();
  console.log(`== fresh clone of ${commit.slice(0, 12)} into ${work}`);
  if (execFileSync('git', ['status', '--porcelain'], { cwd: projectRoot }).toString().trim()) {
    console.log('   note: uncommitted changes in the work tree are not part of the replay');
  }
  const context = join(work, 'context');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, context]);
  execFileSync('git', ['-C', context, 'checkout', '--quiet', '--detach', commit]);

  console.log('\n== docker build, stage by stage (output in build.log)');
  const stages = readDockerfile(join(context, 'Dockerfile'));
  const stageDirs = new Map<string, string>();
  for (const stage of stages) stageDirs.set(stage.name ?? '', await buildStage(stage, context, stageDirs));
  const runtime = runtimeStage(stages);
  const image = stageDirs.get(runtime.name ?? '') as string;
  if (!Array.isArray(runtime.cmd) || !Array.isArray(runtime.healthcheck)) {
    throw new Error('CMD and HEALTHCHECK must be in exec form');
  }

  console.log('\n== the runtime image');
  // The lock file marks what only development needs; `devOptional` type packages stay, as optional
  // peers of drizzle-orm, and are never loaded.
  const lock = JSON.parse(readFileSync(join(context, 'package-lock.json'), 'utf8'));
  const devOnly = Object.entries(lock.packages as Record<string, { dev?: boolean }>)
    .filter(([path, entry]) => path && entry.dev)
    .map(([path]) => path);
  const devInstalled = devOnly.filter((path) => existsSync(join(image, path)));
  check(
    `none of the ${devOnly.length} development-only packages of the lock file is installed (tsx, typescript, vitest, drizzle-kit...)`,
    devInstalled.length === 0,
    devInstalled.slice(0, 5).join(', '),
  );
  check('the database was built at image build time', existsSync(join(image, 'data', 'sco.sqlite')));

  // As root: a private mount namespace whose root filesystem is read-only (readOnlyRootFilesystem),
  // running as the image's numeric USER. Otherwise the command runs as it is.
  const { uid, gid } = idsOf(runtime.user);
  const inContainer = (argv: string[]): [string, string[]] =>
    isRoot
      ? [
          'unshare',
          [
            '--mount',
            '--',
            'sh',
            '-c',
            'mount -o remount,bind,ro / && uid=$1 gid=$2 && shift 2 && exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"',
            'sh',
            uid,
            gid,
            ...argv,
          ],
        ]
      : [argv[0] as string, argv.slice(1)];
  if (isRoot) {
    const probe = spawnSync(...inContainer(['touch', join(image, 'data', 'write-probe')]), { encoding: 'utf8' });
    check(
      'the replay container cannot write its root filesystem',
      /Read-only file system/.test(probe.stderr),
      probe.stderr.trim(),
    );
  } else {
    console.log('   note: not root, so the read-only root filesystem and the USER are not simulated');
  }

  const port = await freePort();
  // Loopback and a free port for the replay; everything else is the image's ENV.
  const env: Record<string, string> = {
    ...replayEnv(runtime.env, runtime.user),
    HOST: '127.0.0.1',
    PORT: String(port),
    HOME: '/nonexistent',
  };
  console.log(`\n== docker run: ${JSON.stringify(runtime.cmd)} as ${uid}:${gid}`);
  console.log(
    `   env ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  const before = snapshot(image);
  // Node has a compile cache from 22.1 (the image's Node); on an older one the step fills nothing.
  const hasCompileCache = 'enableCompileCache' in module;
  if (!hasCompileCache) console.log(`   note: Node ${process.version} has no compile cache; not checked`);
  const cacheDir = hasCompileCache ? env.NODE_COMPILE_CACHE : undefined;
  const cacheBefore = cacheDir ? snapshot(cacheDir) : new Map<string, string>();
  if (cacheDir)
    check(`Node's compile cache was filled at build time (${runtime.env.NODE_COMPILE_CACHE})`, cacheBefore.size > 0);
  const server = spawn(...inContainer(runtime.cmd), {
    cwd: image,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  server.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));

  try {
    const ready = await waitForReady(port, server);
    check('GET /readyz answers 200 within 30 s', ready, ready ? '' : output.slice(-2000));
    check('the server opened the database built at image build time', /"msg":"ready: dataset /.test(output));
    if (ready) {
      const country = await get(port, '/v1/countries/BY');
      const data = country.status === 200 ? JSON.parse(country.body).data : null;
      check(
        'GET /v1/countries/BY answers Belarus, a member',
        data?.code === 'BY' && data?.status === 'member',
        `${country.status} ${country.body.slice(0, 100)}...`,
      );
      const health = await get(port, '/healthz');
      check('GET /healthz answers 200', health.status === 200, health.body);
      // In the container, as the CMD runs: its USER, a read-only root filesystem.
      const healthcheck = spawnSync(...inContainer(runtime.healthcheck as string[]), {
        cwd: image,
        env: cleanEnv(env),
        timeout: 10_000,
      });
      check('the HEALTHCHECK command exits 0', healthcheck.status === 0, `exit ${healthcheck.status}`);
    }
  } finally {
    server.kill('SIGTERM');
  }
  const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), 15_000))]);
  if (code === 'timeout') server.kill('SIGKILL');
  check('SIGTERM: graceful exit 0', code === 0, `exit ${code}`);
  const after = snapshot(image);
  const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f));
  check('nothing written under /app at run time', changed.length === 0, changed.slice(0, 5).join(', '));
  if (cacheDir) {
    const cacheAfter = snapshot(cacheDir);
    const stale = [...new Set([...cacheBefore.keys(), ...cacheAfter.keys()])].filter(
      (f) => cacheBefore.get(f) !== cacheAfter.get(f),
    );
    check(
      'the compile cache served the start as it was built (nothing added or rewritten)',
      stale.length === 0,
      stale.join(', '),
    );
  }
  const startAndStop = output
    .split('\n')
    .filter((line) => line && !/"(incoming request|request completed)"/.test(line));
  console.log(`\n-- server log, without the request lines\n${startAndStop.join('\n')}`);
}

main()
  .catch((error: Error) => check('replay', false, error.message))
  .finally(() => {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`\nprod-path: ${results.length - failed} passed, ${failed} failed`);
    console.log(failed === 0 ? 'prod-path: PASS' : `prod-path: FAIL (kept ${work} for inspection)`);
    if (failed === 0) rmSync(work, { recursive: true, force: true });
    process.exitCode = failed === 0 ? 0 : 1;
  });
