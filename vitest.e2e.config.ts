import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60000,
    hookTimeout: 60000,
    fileParallelism: false,
    // What a poll waits for is the page catching up (a worker, a render, a request), which on a
    // loaded two-core machine takes far longer than vitest's default second. A failing condition
    // still fails; it only fails later.
    expect: { poll: { timeout: 15_000 } },
  },
});
