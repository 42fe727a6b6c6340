// The built app served on loopback for the in-browser benchmarks, and generated trace files
// written to a temporary folder for them to open.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { generateTraceText } from './generate.ts';

export interface BenchApp {
  readonly baseUrl: string;
  readonly makeTraceFile: (spanCount: number) => Promise<string>;
  close(): Promise<void>;
}

export async function startBenchApp(): Promise<BenchApp> {
  // Vite's module runner, which loads the benchmarks, leaves NODE_ENV at development; the
  // measured app must be the production build (React's development build is several times slower).
  process.env.NODE_ENV = 'production';
  await build({ mode: 'production', logLevel: 'warn' });
  const server: PreviewServer = await preview({
    preview: { host: '127.0.0.1', port: 4270, strictPort: false },
    logLevel: 'warn',
  });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('the preview server did not report its address');
  const dir = mkdtempSync(path.join(tmpdir(), 'trace-bench-'));
  const files = new Map<number, string>();
  return {
    baseUrl,
    makeTraceFile: async (spanCount) => {
      const known = files.get(spanCount);
      if (known) return known;
      const file = path.join(dir, `otlp-${spanCount}.json`);
      writeFileSync(file, generateTraceText('otlp', spanCount, 42));
      files.set(spanCount, file);
      return file;
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
