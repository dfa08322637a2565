import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDatabasePath, projectRoot } from '../dataset/paths.js';
import { startCommand } from './start-command.js';

// `npm run startup [-- --runs 15 --json startup.json --also dist/src/main.js --no-build --publish]`: start-up
// of the production command (package.json's `start`, `node [options] dist/server/main.js`, what
// `npm start` runs once it has built, with the database present, in the default configuration)
// against a bare Fastify server (import, one route, listen) on the same Node, in one run,
// interleaved, each spawned --runs times; medians and their ratio. The target is a ratio of 1.5 or
// less. `--also <file>` adds another entry to compare (e.g. dist/src/main.js, the unbundled tsc
// output). Where Node has a compile cache (22.1 and later) the production command runs with its
// cache warm, as the image ships it (a cache folder of this run, filled as the Dockerfile's runtime
// stage fills it: one start until /readyz answers, not counted) and, for comparison, with the cache
// turned off. It builds first (`npm run build`, and `npm run seed` when the database is missing or
// stale) unless given --no-build, so that `scripts/node24.sh startup` runs it all on Node 24.
// `--publish` writes this Node's section of docs/startup-results.md (one section per major version of
// Node, the others kept), in the checkout the run came from (scripts/node24.sh runs in a copy).

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const runs = Number(option('runs', '15'));
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1');
const jsonOut = args.includes('--json') ? option('json', 'startup.json') : null;
const publish = args.includes('--publish');
if (publish && args.includes('--also')) {
  throw new Error('--publish measures the production command alone, without --also');
}
if (!args.includes('--no-build')) {
  execSync('npm run build', { cwd: projectRoot, stdio: 'ignore' });
  execSync('npm run -s seed -- --if-stale', { cwd: projectRoot, stdio: 'ignore' });
}

// Exactly what `npm start` runs (scripts/start-command.ts).
// Node's options in package.json's `start` (the heap's size) go to every start of ours.
const { entry, options: nodeOptions } = startCommand();
const also = args.includes('--also') ? join(projectRoot, option('also', '')) : null;
if (also && !existsSync(also)) throw new Error(`${also} is missing`);
if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
if (!existsSync(defaultDatabasePath)) throw new Error(`${defaultDatabasePath} is missing: run npm run seed first`);

const dir = mkdtempSync(join(tmpdir(), 'sco-startup-'));
const databasePath = join(dir, 'sco.sqlite');
copyFileSync(defaultDatabasePath, databasePath);
const cacheDir = join(dir, 'compile-cache');
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const hasCompileCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';

/** Resolves once `url` answers 200; polls every 2 ms (a refused connection answers at once). */
function until(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      get(url, (response) => {
        response.resume();
        if (response.statusCode === 200) resolve();
        else retry();
      }).on('error', retry);
    };
    const retry = () => {
      if (performance.now() > deadline) reject(new Error(`${url} did not answer 200 within ${timeoutMs} ms`));
      else setTimeout(attempt, 2);
    };
    attempt();
  });
}

const bareServer =
  "const { default: Fastify } = await import('fastify'); const app = Fastify(); app.get('/healthz', () => ({ status: 'ok' })); await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });";

type Candidate = { name: string; args: string[]; env: Record<string, string>; path: string };
// The shipped configuration (the rate limit on, a log line a request), with the database present.
const production = (env: Record<string, string>, file = entry) => ({
  args: [...nodeOptions, file],
  env: { DATABASE_PATH: databasePath, ...env },
  // Ready: the database is open and the dataset read.
  path: '/readyz',
});
const candidates: Candidate[] = [
  { name: 'bare Fastify', args: ['--input-type=module', '-e', bareServer], env: {}, path: '/healthz' },
  hasCompileCache
    ? { name: 'npm start (compile cache warm)', ...production({ NODE_COMPILE_CACHE: cacheDir }) }
    : { name: 'npm start (no compile cache on this Node)', ...production({}) },
  ...(hasCompileCache
    ? [{ name: 'npm start (compile cache off)', ...production({ NODE_DISABLE_COMPILE_CACHE: '1' }) }]
    : []),
  ...(also
    ? [
        {
          name: `node ${also.slice(projectRoot.length + 1)}${hasCompileCache ? ' (cache warm)' : ''}`,
          ...production({ NODE_COMPILE_CACHE: `${cacheDir}-also` }, also),
        },
      ]
    : []),
];

let nextPort = 32_100;
/** Milliseconds from spawn to the first 200 on the candidate's path. */
async function start(candidate: Candidate): Promise<number> {
  const port = nextPort++;
  const t0 = performance.now();
  const child = spawn(process.execPath, candidate.args, {
    cwd: projectRoot,
    env: { ...process.env, NODE_COMPILE_CACHE: '', ...candidate.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${candidate.name} exited with ${code}`))),
  );
  await Promise.race([until(`http://127.0.0.1:${port}${candidate.path}`), exited]);
  const elapsed = performance.now() - t0;
  child.removeAllListeners('exit');
  await new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
  children.delete(child);
  return elapsed;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

// Not counted: fills the compile cache, and pays the first read of every file from disk.
for (const candidate of candidates) await start(candidate);
const samples = candidates.map(() => [] as number[]);
for (let round = 0; round < runs; round++) {
  // Interleaved, in an order that rotates, so that a drift of the machine's speed weighs on all alike.
  for (let k = 0; k < candidates.length; k++) {
    const i = (round + k) % candidates.length;
    samples[i]?.push(await start(candidates[i] as Candidate));
  }
}

const bare = median(samples[0] as number[]);
const results = candidates.map((candidate, i) => ({
  name: candidate.name,
  medianMs: Math.round(median(samples[i] as number[])),
  ratioToBare: Number((median(samples[i] as number[]) / bare).toFixed(2)),
  samplesMs: (samples[i] as number[]).map(Math.round),
}));
console.log(`start-up on Node ${process.versions.node}, median of ${runs} interleaved starts each:`);
for (const r of results)
  console.log(`  ${r.name.padEnd(42)} ${String(r.medianMs).padStart(5)} ms  ${r.ratioToBare.toFixed(2)}x bare`);
const target = results[1] as (typeof results)[number];
console.log(
  `target (npm start within 1.5x of bare Fastify): ${target.ratioToBare <= 1.5 ? 'met' : 'missed'} (${target.ratioToBare}x)`,
);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ node: process.versions.node, runs, results }, null, 2)}\n`);

if (publish) publishSection(results, target);

/** Replaces this Node major's section of docs/startup-results.md (the other sections stay). */
function publishSection(rows: typeof results, ours: (typeof results)[number]) {
  const file = join(process.env.SCO_API_CHECKOUT ?? projectRoot, 'docs', 'startup-results.md');
  const major = process.versions.node.split('.')[0];
  const section = [
    `<!-- node ${major} -->`,
    `## Node ${major}`,
    '',
    `Run of ${new Date().toISOString()}, Node ${process.versions.node}, ${runs} interleaved starts each; medians, in ms from spawn to the first 200.`,
    '',
    '| server | median ms | ratio to bare Fastify | every start, ms |',
    '| --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.name} | ${r.medianMs} | ${r.ratioToBare.toFixed(2)} | ${r.samplesMs.join(' ')} |`),
    '',
    `Target (npm start within 1.5x of bare Fastify): ${ours.ratioToBare <= 1.5 ? 'met' : 'missed'} (${ours.ratioToBare}x).`,
    `<!-- /node ${major} -->`,
  ].join('\n');
  const header =
    '<!-- Written by `npm run startup -- --publish` (scripts/startup.ts); do not edit by hand. -->\n# Start-up: the latest published runs\n\nSee [performance.md](performance.md#start-up) for what is measured and how.\n';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : header;
  const pattern = new RegExp(`<!-- node ${major} -->[\\s\\S]*?<!-- /node ${major} -->`);
  const sections = (pattern.test(old) ? old.replace(pattern, section) : `${old.trimEnd()}\n\n${section}\n`)
    .match(/<!-- node (\d+) -->[\s\S]*?<!-- \/node \1 -->/g)
    ?.sort((a, b) => Number(/node (\d+)/.exec(a)?.[1]) - Number(/node (\d+)/.exec(b)?.[1]));
  writeFileSync(file, `${header}\n${(sections ?? [section]).join('\n\n')}\n`);
}
