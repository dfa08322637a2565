import { defineConfig } from 'vitest/config';
import SummaryReporter from './tests/summary-reporter.js';

export default defineConfig({
  test: {
    globalSetup: ['tests/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    reporters: ['default', new SummaryReporter()],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
