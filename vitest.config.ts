import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.js';

// The test tiers (`npm run test:<tier>`, scripts/test.mjs), by folder: tests/build, tests/e2e and
// tests/deploy are the tiers of their names; every other folder under tests/ is `unit` (in-process).
const tiers = ['build', 'e2e', 'deploy'];

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    reporters: ['default', new SummaryReporter()],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: tiers.map((tier) => `tests/${tier}/**`) },
      },
      ...tiers.map((tier) => ({
        extends: true as const,
        test: { name: tier, include: [`tests/${tier}/**/*.test.ts`] },
      })),
    ],
  },
});
