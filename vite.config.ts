/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { backendListPlugin } from './src/server/backend-list.ts';
import { parseTraceProxy, viteProxy } from './src/server/proxy-config.ts';
import { readProxyHeaders } from './src/server/proxy-credentials.ts';
import { proxyGuardPlugin } from './src/server/proxy-guard.ts';

// Backends the dev and preview servers forward under /proxy/<name>/ (see README: TRACE_PROXY).
const proxyTargets = parseTraceProxy(process.env.TRACE_PROXY);
const traceProxy = viteProxy(proxyTargets, readProxyHeaders(process.env, proxyTargets));

/**
 * Asks Chromium's V8 (136 on) to compile every function of the app's and the worker's entry
 * chunks as the script loads, on a background thread, instead of on the main thread the first
 * time each is called: most are called when the first trace is read and shown. A banner, so that
 * the source maps account for the added line.
 */
const compileEagerly = {
  postBanner: (chunk: { isEntry: boolean }) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
};

export default defineConfig({
  plugins: [
    // Refuses what the proxy must not relay, before vite's proxy sees the request.
    proxyGuardPlugin(proxyTargets),
    // The page asks for the configured backends' names, to open the first one's search.
    backendListPlugin(proxyTargets.map((t) => t.name)),
  ],
  // JSX is compiled by Vite's built-in transform (automatic runtime, from tsconfig), so no plugin is needed.
  worker: { format: 'es', rolldownOptions: { output: compileEagerly } },
  build: { target: 'es2022', sourcemap: true, rolldownOptions: { output: compileEagerly } },
  // allowedHosts is left at vite's default (localhost and IP addresses): a DNS-rebound name is refused.
  server: { proxy: traceProxy },
  preview: { proxy: traceProxy },
  test: {
    environment: 'jsdom',
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    setupFiles: ['test/helpers/setup-unit.ts'],
    testTimeout: 20000,
  },
});
