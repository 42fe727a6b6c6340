// Hostile input as a user meets it: a download that never ends must not leave "Reading…" on
// screen without a way out, and a hostile file must not empty the page.
import { constants, createGzip } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, pageErrors } from './browser.ts';
import { type RecordingBackend, startRecordingBackend } from './recording-backend.ts';

let browser: Browser;
let backend: RecordingBackend;

beforeAll(async () => {
  [browser, backend] = await Promise.all([launchBrowser(), startRecordingBackend()]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), backend?.close()]);
});

describe('a server that never answers', () => {
  it('shows the download with Cancel before any byte arrives, and Cancel ends it', async () => {
    const url = `${backend.origin}/never/trace.json`;
    const page = await openPage(browser, `?demo=0&url=${encodeURIComponent(url)}`);
    const progress = page.getByTestId('download-progress');
    await progress.waitFor();
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await progress.waitFor({ state: 'detached' });
    await page.getByTestId('loading').waitFor({ state: 'detached' });
    expect(backend.received.some((r) => r.url === '/never/trace.json')).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

/** Gzip of `bytes` zeros, made in pieces so the zeros never exist whole: a compression bomb. */
async function gzipBomb(bytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: constants.Z_BEST_SPEED });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => gzip.on('end', resolve));
  const zeros = Buffer.alloc(2 ** 20);
  for (let written = 0; written < bytes; written += zeros.length) {
    if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

describe('a compression bomb', () => {
  it('can be cancelled while it decompresses, and the page goes on', async () => {
    const page = await openPage(browser, '?demo=0');
    const bomb = await gzipBomb(4 * 2 ** 30);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'bomb.json.gz', mimeType: 'application/gzip', buffer: bomb });
    const loading = page.getByTestId('loading');
    await loading.filter({ hasText: 'Decompressing bomb.json.gz' }).waitFor();
    await loading.getByRole('button', { name: 'Cancel' }).click();
    await loading.waitFor({ state: 'detached' });
    expect(await page.getByRole('alert').count()).toBe(0);
    // The next file is read as usual.
    await page.locator('input[type=file]').setInputFiles({
      name: 'small.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify([
          {
            traceId: 'a03ee8fff1dcd9b9',
            id: '0000000000000001',
            name: 'root',
            timestamp: 1700000000000000,
            duration: 1000,
            localEndpoint: { serviceName: 'api' },
          },
        ]),
      ),
    });
    await page.getByTestId('load-summary').filter({ hasText: 'small.json' }).waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

/** Zipkin v2 spans: a root with a 10 MB name and service, and a child holding JSON nested 23,000 deep. */
function hostileFile(): Buffer {
  const depth = 23_000;
  const spans = [
    {
      traceId: 'a03ee8fff1dcd9b9',
      id: '0000000000000001',
      name: 'n'.repeat(10_000_000),
      timestamp: 1_700_000_000_000_000,
      duration: 1000,
      localEndpoint: { serviceName: 's'.repeat(10_000_000) },
    },
    {
      traceId: 'a03ee8fff1dcd9b9',
      id: '0000000000000002',
      parentId: '0000000000000001',
      name: 'deep',
      timestamp: 1_700_000_000_000_010,
      duration: 900,
      localEndpoint: { serviceName: '\u202Eevil' },
      tags: { deep: `${'['.repeat(depth)}1${']'.repeat(depth)}` },
    },
  ];
  return Buffer.from(JSON.stringify(spans));
}

describe('a hostile file', () => {
  it('opens with its names cut, and the deep JSON span selects and formats without emptying the page', async () => {
    const page = await openPage(browser, '?demo=0');
    await page
      .getByTestId('drop-zone')
      .locator('input[type=file]')
      .setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: hostileFile() });
    const summary = page.getByTestId('trace-summary');
    await summary.waitFor();
    expect((await summary.textContent())!.length).toBeLessThan(5000);
    const bottleneck = (await page.getByTestId('bottleneck').textContent())!;
    expect(bottleneck.length).toBeLessThan(1000);
    expect(bottleneck).not.toContain('\u202E');
    await page.locator('[data-span-id="0000000000000002"]').first().click();
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    const deep = detail.locator('[data-attr-key="deep"]');
    await deep.getByRole('button', { name: 'Format JSON' }).click();
    expect(await deep.getByTestId('attr-value-text').textContent()).toMatch(/^\[\n {2}\[\n {4}\[/);
    expect(await page.getByTestId('panel-error').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
    // Reading 20 MB of names on a shared two-core machine is slow, though it is no longer fatal.
  }, 180_000);
});
