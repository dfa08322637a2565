import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../../dataset/paths.js';
import { findHaproxy } from './balancer.js';
import { buildServer } from './replicas.js';
import { renderReport, withFigures } from './report.js';
import { runScaleTest } from './scenario.js';

// `npm run scale-test [-- --no-build --connections 50 --seconds 10 --json FILE --record --keep]`
// Builds the server (`npm run build`), then runs scripts/scale/scenario.ts: three replicas behind
// HAProxy (deploy/haproxy.cfg), a read load with a rolling restart, a SIGKILL and a canary, and
// the rate limit. Prints the figures, writes them as JSON (bench-results/scale-test.json), and
// exits 1 when a target is missed. `--record` also writes docs/scale-test.json and the figures in
// docs/deploy.md.

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
};
const connections = Number(option('connections', '50'));
const seconds = Number(option('seconds', '10'));
for (const [name, value] of Object.entries({ connections, seconds })) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
}
const jsonOut = resolve(projectRoot, option('json', 'bench-results/scale-test.json'));

async function main() {
  const haproxy = findHaproxy();
  if (!haproxy) {
    console.error('no haproxy found: install it (Debian: apt-get install haproxy) or set HAPROXY_PATH');
    process.exit(1);
  }
  if (!args.includes('--no-build')) {
    console.log('npm run build...');
    buildServer();
  }
  const report = await runScaleTest({
    haproxy,
    connections,
    throughputSeconds: seconds,
    throughputRounds: 2,
    steadySeconds: seconds,
    canarySeconds: seconds,
    rateLimit: 60,
    maxRequestsPerPhase: 2_000_000,
    log: (line) => console.log(`-- ${line}`),
    keepWorkDir: args.includes('--keep'),
  });
  console.log(`\n${renderReport(report)}\n`);
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`wrote ${jsonOut}`);
  if (args.includes('--record')) {
    const docsJson = join(projectRoot, 'docs', 'scale-test.json');
    writeFileSync(docsJson, `${JSON.stringify(report, null, 2)}\n`);
    // In the layout `npm run lint` checks.
    execFileSync('npx', ['biome', 'format', '--write', docsJson], { cwd: projectRoot, stdio: 'ignore' });
    const docs = join(projectRoot, 'docs', 'deploy.md');
    writeFileSync(docs, withFigures(readFileSync(docs, 'utf8'), report));
    console.log(`wrote ${docsJson} and the figures in ${docs}`);
  }
  console.log(report.failures.length === 0 ? 'SCALE TEST PASSED' : 'SCALE TEST FAILED');
  process.exitCode = report.failures.length === 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
