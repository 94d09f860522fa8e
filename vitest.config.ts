import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx', 'tests/**/*.test.ts'],
    environment: 'node',
    // Real servers and a real browser: give slow CI machines room; no assertion depends on speed.
    testTimeout: 240_000,
    hookTimeout: 240_000,
    // Conditions are waited for, never timed: expect.poll gets a minute instead of its 1-second default.
    expect: { poll: { timeout: 60_000, interval: 100 } },
    pool: 'forks',
    globalSetup: ['tests/support/global-setup.ts'],
  },
});
