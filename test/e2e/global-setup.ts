// Serves the built app (dist/, made by `vite build` in the test script) on loopback for
// the end-to-end tests, and checks that a system Chromium is there before any test runs.
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './browser-path.ts';

let server: PreviewServer | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  chromiumPath(); // throws with install instructions when missing
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `vite build` before the end-to-end tests (npm test does).');
  server = await preview({
    preview: { host: '127.0.0.1', port: 4180, strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server did not report its address');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
