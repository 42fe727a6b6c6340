/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig({
  // JSX is compiled by Vite's built-in transform (automatic runtime, from tsconfig), so no plugin is needed.
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    setupFiles: ['test/helpers/setup-unit.ts'],
    testTimeout: 20000,
  },
});
