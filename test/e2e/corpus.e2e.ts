// Every file of the shared corpus, opened the way a user opens it: set on the drop zone's input
// in Chromium, read by the worker, handed to the page packed, and shown. Each must do what
// expected.json says, with the counts it gives, and no view may throw on it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusEntries, corpusPath, type CorpusEntry } from '../helpers/corpus.ts';
import { appUrl, launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await openPage(browser, '?demo=0');
});
afterAll(async () => {
  await browser?.close();
});

type Shown = { kind: 'loaded'; traces: number; spans: number; warnings: number } | { kind: 'error'; message: string };

async function open(entry: CorpusEntry): Promise<Shown> {
  await page.goto(appUrl('?demo=0'));
  await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(entry.file));
  const summary = page.getByTestId('load-summary');
  const alert = page.getByRole('alert').first();
  await Promise.race([summary.waitFor(), alert.waitFor()]);
  if (await alert.isVisible()) return { kind: 'error', message: (await alert.textContent()) ?? '' };
  return {
    kind: 'loaded',
    traces: Number(await summary.getAttribute('data-trace-count')),
    spans: Number(await summary.getAttribute('data-span-count')),
    warnings: Number(await summary.getAttribute('data-warning-count')),
  };
}

/** Every view once, and a few spans selected: what a user does first with a trace. */
async function lookAround(): Promise<void> {
  for (const tab of ['Flamegraph', 'Statistics', 'Waterfall']) await page.getByRole('tab', { name: tab }).click();
  const rows = page.getByTestId('span-row');
  const count = Math.min(await rows.count(), 3);
  for (let i = 0; i < count; i++) await rows.nth(i).click();
  await page.getByTestId('span-detail').waitFor();
}

describe('the shared corpus in Chromium', () => {
  for (const entry of corpusEntries()) {
    it(`${entry.file}: ${entry.expect}`, async () => {
      const shown = await open(entry);
      const name = entry.file.split('/').pop()!;
      if (entry.expect === 'error') {
        expect(shown).toMatchObject({ kind: 'error' });
        if (shown.kind === 'error') expect(shown.message).toContain(name);
      } else if (shown.kind === 'error') {
        expect(entry.expect).toBe('error-or-warnings');
        expect(shown.message).toContain(name);
      } else {
        expect({ traces: shown.traces, spans: shown.spans }).toEqual({ traces: entry.traces, spans: entry.spans });
        if (entry.expect !== 'load') expect(shown.warnings).toBeGreaterThan(0);
        await lookAround();
      }
      expect(pageErrors(page)).toEqual([]);
    });
  }
});
