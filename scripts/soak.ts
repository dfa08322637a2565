import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../dataset/paths.js';
import { runMix, runUnique } from './load-mix.js';
import { spawnProduction } from './start-command.js';

// `npm run soak [-- --duration 60 --connections 100 --no-build --publish]`: drives the production command
// (`npm start`'s) with a mix of every endpoint, then for as long again with a new URL on every
// request (dates and page sizes no cache holds yet), and reports requests, errors, non-2xx, p99 and
// the server's RSS after warm-up, after the mix and at the end. Fails on any error or non-2xx, or RSS
// over 150 MB at the end (every cache must stay bounded, and so must the heap). `--publish` also
// writes the report to docs/soak-results.md, which docs/performance.md links to.

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
  // The shipped mode: the defaults (no in-process rate limit, the default logs), its stdout read
  // as a container runtime reads it.
  const server = spawnProduction({ ...process.env, DATABASE_PATH: join(dir, 'sco.sqlite'), PORT: String(port) });
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
    process.stdout.write(`mix ${duration} s, ${connections} connections...\n`);
    const mix = await runMix(base, duration, connections);
    const rssMix = rssMb(pid);
    process.stdout.write(`unique URLs ${duration} s, ${connections} connections...\n`);
    const unique = await runUnique(base, duration, connections);
    const rssEnd = rssMb(pid);
    const line = (name: string, r: typeof mix) =>
      `${name}: ${r.requests} requests (${Math.round(r.rps)} req/s), ${r.errors} errors, ${r.non2xx} non-2xx, p99 ${r.p99} ms`;
    const report = [
      line('mix', mix),
      line('unique URLs', unique),
      `RSS: ${rssStart.toFixed(1)} MB at start, ${rssWarm.toFixed(1)} MB after warm-up, ${rssMix.toFixed(1)} MB after the mix, ${rssEnd.toFixed(1)} MB at the end`,
    ];
    process.stdout.write(`${report.join('\n')}\n`);
    const failed = [mix, unique].some((r) => r.errors > 0 || r.non2xx > 0) || rssEnd > 150;
    const verdict = failed ? 'SOAK FAILED' : 'soak passed: no errors, no non-2xx, RSS under 150 MB';
    process.stdout.write(`${verdict}\n`);
    if (args.includes('--publish')) {
      const heading = `# Soak: the latest published run\n\nWritten by \`npm run soak -- --publish\` (${new Date().toISOString().slice(0, 10)}, Node ${process.versions.node}, ${duration} s a phase, ${connections} connections); see [performance.md](performance.md#memory).\n\n`;
      writeFileSync(
        join(projectRoot, 'docs', 'soak-results.md'),
        `${heading}${[...report, verdict].map((l) => `- ${l}`).join('\n')}\n`,
      );
    }
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
