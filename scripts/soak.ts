import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';
import { runMix } from './load-mix.js';

// `npm run soak [-- --duration 60 --connections 100 --no-build]`: drives the compiled server with
// a mix of every endpoint and reports requests, errors, non-2xx, p99 and the server's RSS after
// warm-up and at the end. Fails on any error or non-2xx, RSS growth over 20%, or RSS over 150 MB
// (the mix sends a new date with about one request in five: the response cache must stay bounded).

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const duration = option('duration', 60);
const connections = option('connections', 100);
const warmup = Math.max(3, Math.round(duration / 10));

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function main() {
  if (!args.includes('--no-build')) execSync('npm run build', { cwd: projectRoot, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'sco-soak-'));
  const port = 39_200 + Math.floor(Math.random() * 500);
  // The database is a build artefact: built here, as `npm start` does before it serves.
  execSync('npm run -s seed', {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_PATH: join(dir, 'sco.sqlite') },
    stdio: 'ignore',
  });
  const server = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_PATH: join(dir, 'sco.sqlite'),
      PORT: String(port),
      // The shipped mode: the rate limit on, with a limit this load cannot reach.
      RATE_LIMIT_MAX: '1000000',
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 400) throw new Error('the server did not become ready');
      if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pid = server.pid ?? 0;
    const rssStart = rssMb(pid);
    process.stdout.write(`warm-up ${warmup} s...\n`);
    await runMix(base, warmup, connections);
    const rssWarm = rssMb(pid);
    process.stdout.write(`soak ${duration} s, ${connections} connections...\n`);
    const result = await runMix(base, duration, connections);
    const rssEnd = rssMb(pid);
    const growth = (rssEnd - rssWarm) / rssWarm;
    const report = [
      `requests: ${result.requests} (${Math.round(result.rps)} req/s)`,
      `errors: ${result.errors}`,
      `non-2xx: ${result.non2xx}`,
      `p99 latency: ${result.p99} ms`,
      `RSS: ${rssStart.toFixed(1)} MB at start, ${rssWarm.toFixed(1)} MB after warm-up, ${rssEnd.toFixed(1)} MB at the end (${(growth * 100).toFixed(1)}% growth)`,
    ];
    process.stdout.write(`${report.join('\n')}\n`);
    const failed = result.errors > 0 || result.non2xx > 0 || growth > 0.2 || rssEnd > 150;
    process.stdout.write(
      failed ? 'SOAK FAILED\n' : 'soak passed: no errors, no non-2xx, RSS growth within 20% and under 150 MB\n',
    );
    process.exitCode = failed ? 1 : 0;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
