import { spawn } from 'node:child_process';

// `npm test` runs every tier; `npm run test:<tier>` one. Each tier's steps run in order and a tier
// stops at its first failing step; the next tier runs all the same, and the closing lines name
// every tier and step that failed. The tiers' tests are chosen by folder (vitest.config.ts).
// Plain JavaScript, so that the runner starts without a compiler.
const tiers = {
  // In-process: the compiler, the linters and the tests that need nothing built.
  unit: [
    ['type-check', 'npm', ['run', 'typecheck']],
    ['lint', 'npm', ['run', 'lint']],
    ['import rules', 'npm', ['run', 'lint:imports']],
    ['openapi lint', 'npm', ['run', 'openapi:lint']],
    ['vitest unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  ],
  // The production build (`npm run build`) and the tests that run what it makes.
  build: [
    ['build', 'npm', ['run', 'build']],
    ['vitest build', 'npx', ['vitest', 'run', '--project', 'build']],
  ],
  // The Explorer in Chromium.
  e2e: [['vitest e2e', 'npx', ['vitest', 'run', '--project', 'e2e']]],
  // What ships: the Dockerfile, the Kubernetes manifests, the production dependencies.
  deploy: [
    ['vitest deploy', 'npx', ['vitest', 'run', '--project', 'deploy']],
    ['audit', 'npm', ['run', 'audit']],
  ],
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in tiers));
if (unknown.length > 0) {
  console.error(`unknown tier ${unknown.join(', ')}: the tiers are ${Object.keys(tiers).join(', ')}`);
  process.exit(2);
}
const chosen = asked.length > 0 ? asked : Object.keys(tiers);

/** Runs a step with its output shown as it comes; resolves to its exit code and the last vitest count line. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.on('close', (code, signal) => {
      const counts = [...tail.matchAll(/vitest: (\d+) passed, (\d+) failed, (\d+) skipped/g)].at(-1);
      resolve({ code: code ?? (signal ? 1 : 0), counts: counts?.slice(1).map(Number) });
    });
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
for (const tier of chosen) {
  for (const [step, command, args] of tiers[tier]) {
    console.log(`\n== ${tier}: ${step} (${[command, ...args].join(' ')})`);
    const { code, counts } = await run(command, args);
    if (counts) {
      total.passed += counts[0];
      total.failed += counts[1];
      total.skipped += counts[2];
    }
    if (code !== 0) {
      // A step without test counts (the compiler, a linter) that fails counts as one failure.
      if (!counts || counts[1] === 0) total.failed++;
      failures.push(`${tier} (${step})`);
      break;
    }
  }
}

console.log(`\ntiers run: ${chosen.join(', ')}; failed: ${failures.length > 0 ? failures.join(', ') : 'none'}`);
if (failures.length > 0) {
  const again = [...new Set(failures.map((f) => f.split(' ')[0]))].map((t) => `npm run test:${t}`).join(', ');
  console.log(`to run a failed tier alone: ${again}`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = failures.length > 0 ? 1 : 0;
