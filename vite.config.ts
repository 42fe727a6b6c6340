/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { backendListPlugin } from './src/server/backend-list.ts';
import { parseTraceProxy, viteProxy } from './src/server/proxy-config.ts';

// Backends the dev and preview servers forward under /proxy/<name>/ (see README: TRACE_PROXY).
const proxyTargets = parseTraceProxy(process.env.TRACE_PROXY);
const traceProxy = viteProxy(proxyTargets);

export default defineConfig({
  // The page asks for the configured backends' names, to open the first one's search.
  plugins: [backendListPlugin(proxyTargets.map((t) => t.name))],
  // JSX is compiled by Vite's built-in transform (automatic runtime, from tsconfig), so no plugin is needed.
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { proxy: traceProxy },
  preview: { proxy: traceProxy },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    setupFiles: ['test/helpers/setup-unit.ts'],
    testTimeout: 20000,
  },
});
