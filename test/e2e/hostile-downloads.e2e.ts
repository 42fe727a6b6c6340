// Downloads that never end, as a user meets them: a server that accepts the connection and
// never answers must not leave "Reading…" on screen without a way out.
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
