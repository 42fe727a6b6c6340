// The foundation as a user meets it: the demo opens, files open from the picker, by drop,
// gzip and URL, and a bad file shows an error while the trace on screen stays usable.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTraceText } from '../../src/formats/load.ts';
import { corpusEntries, corpusPath, readCorpusText } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function summary(page: Page) {
  const s = page.getByTestId('trace-summary');
  await s.waitFor();
  return {
    traceId: await s.getAttribute('data-trace-id'),
    spans: Number(await s.getAttribute('data-span-count')),
    services: Number(await s.getAttribute('data-service-count')),
    durationNs: Number(await s.getAttribute('data-duration-ns')),
  };
}

async function loadSummary(page: Page) {
  const s = page.getByTestId('load-summary');
  await s.waitFor();
  return {
    format: await s.getAttribute('data-format'),
    traces: Number(await s.getAttribute('data-trace-count')),
    spans: Number(await s.getAttribute('data-span-count')),
    warnings: Number(await s.getAttribute('data-warning-count')),
    text: await s.textContent(),
  };
}

/** A corpus file of 141 traces, with logs and metrics lines between them. */
const MANY_TRACES = 'otlp/otel-tui__test_data.json';

/** The traces of a corpus file, as the loader reads them. */
function tracesOf(file: string) {
  const outcome = loadTraceText(file, readCorpusText(file));
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.file.traces;
}

/** A page with `file` loaded and its trace list, folded because it is long, unfolded. */
async function openTraceList(file: string): Promise<Page> {
  const page = await openPage(browser, '?demo=0');
  await page.locator('input[type=file]').setInputFiles(corpusPath(file));
  await loadSummary(page);
  // A file of many traces opens on its list.
  await page.getByTestId('trace-picker').waitFor();
  return page;
}

describe('foundation', () => {
  it('opens the bundled demo trace on start', async () => {
    const page = await openPage(browser);
    const s = await summary(page);
    expect(s.spans).toBeGreaterThan(20);
    expect(s.services).toBeGreaterThanOrEqual(5);
    expect(s.durationNs).toBeGreaterThan(0);
    expect((await loadSummary(page)).format).toBe('otlp');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('follows the system theme while open, until the user picks one', async () => {
    const page = await openPage(browser);
    await page.getByTestId('trace-summary').waitFor();
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    expect(await theme()).toBe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(theme).toBe('dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(await theme()).toBe('light');
    // The user's pick wins over later changes of the system's.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
    expect(await theme()).toBe('light');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('opens with an empty drop zone when ?demo=0, and loads a corpus file set on its input', async () => {
    const page = await openPage(browser, '?demo=0');
    await page.getByTestId('drop-zone').waitFor();
    expect(await page.getByTestId('trace-summary').count()).toBe(0);
    const entry = corpusEntries().find((e) => e.file === 'zipkin/zipkin__yelp.json')!;
    await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(entry.file));
    const ls = await loadSummary(page);
    expect(ls).toMatchObject({ format: entry.format, traces: entry.traces, spans: entry.spans });
    expect(ls.text).toContain('zipkin__yelp.json');
    expect((await summary(page)).spans).toBe(entry.spans);
    await page.close();
  });

  it('reads several files at once, gzip by content, and lets the user pick a trace', async () => {
    const page = await openPage(browser, '?demo=0');
    const jaeger = readFileSync(corpusPath('jaeger/jaeger-ui__TraceFlamegraph__genaiTestTrace.json'));
    await page.locator('input[type=file]').setInputFiles([
      { name: 'trace.bin', mimeType: 'application/octet-stream', buffer: gzipSync(jaeger) },
      {
        name: 'other.json',
        mimeType: 'application/json',
        buffer: readFileSync(corpusPath('otlp/jaeger-ui__agent-trace.json')),
      },
    ]);
    const ls = await loadSummary(page);
    expect(ls).toMatchObject({ format: 'mixed', traces: 3, spans: 14 });
    const picker = page.getByTestId('trace-picker');
    await picker.waitFor();
    const rows = picker.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const target = await rows.nth(2).getAttribute('data-trace-id');
    await rows.nth(2).getByRole('button').click();
    expect((await summary(page)).traceId).toBe(target);
    await page.close();
  });

  it('finds a trace among many by filter and by order, and opens it', async () => {
    const traces = tracesOf(MANY_TRACES);
    // The first trace of the most spans, as a stable sort by span count puts it first.
    const biggest = traces.reduce((best, t) => (t.spans.length > best.spans.length ? t : best));
    const page = await openTraceList(MANY_TRACES);
    expect((await loadSummary(page)).traces).toBe(traces.length);
    const rows = page.getByTestId('trace-picker').locator('tbody tr');
    expect(await rows.count()).toBe(traces.length);
    await page.getByRole('combobox', { name: 'Order' }).selectOption({ label: 'Most spans' });
    expect(await rows.first().getAttribute('data-trace-id')).toBe(biggest.traceId);
    const other = traces.find((t) => t !== biggest)!;
    await page.getByRole('searchbox', { name: 'Filter traces' }).fill(other.traceId.toUpperCase());
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button').click();
    expect((await summary(page)).traceId).toBe(other.traceId);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('plots the traces of a long list by start and duration, and opens the one whose dot is clicked', async () => {
    const traces = tracesOf(MANY_TRACES);
    const longest = traces.reduce((best, t) => (t.durationNs > best.durationNs ? t : best));
    const page = await openTraceList(MANY_TRACES);
    const plot = page.getByTestId('trace-scatter');
    await expect.poll(() => plot.locator('circle').count()).toBe(traces.length);
    const dot = plot.locator(`circle[data-trace-id="${longest.traceId}"]`);
    // The longest trace is the highest dot.
    const heights = await plot
      .locator('circle')
      .evaluateAll((circles) => circles.map((c) => Number(c.getAttribute('cy'))));
    expect(Number(await dot.getAttribute('cy'))).toBe(Math.min(...heights));
    await dot.click();
    expect((await summary(page)).traceId).toBe(longest.traceId);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('reads a file saved as UTF-16 (as Windows PowerShell writes it) like its UTF-8 copy', async () => {
    const page = await openPage(browser, '?demo=0');
    const entry = corpusEntries().find((e) => e.file === 'jaeger/jaeger-ui__TraceFlamegraph__genaiTestTrace.json')!;
    const text = readFileSync(corpusPath(entry.file), 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'powershell.json', mimeType: 'application/json', buffer: utf16 });
    expect(await loadSummary(page)).toMatchObject({ format: entry.format, traces: entry.traces, spans: entry.spans });
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('opens a file dropped on the page', async () => {
    const page = await openPage(browser, '?demo=0');
    const text = readFileSync(corpusPath('otlp/jaeger-ui__getTrace-response.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer });
    await page.dispatchEvent('body', 'drop', { dataTransfer });
    expect((await loadSummary(page)).spans).toBe(40);
    await page.close();
  });

  it('shows a clear error for a malformed file and keeps the earlier trace usable', async () => {
    const page = await openPage(browser);
    const before = await summary(page);
    await page.locator('input[type=file]').setInputFiles(corpusPath('jaeger/jaeger__trace_scan_error.json'));
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/jaeger__trace_scan_error\.json: not valid JSON at line \d+, column \d+/);
    expect((await summary(page)).traceId).toBe(before.traceId);
    // Still usable: another file opens.
    await page.locator('input[type=file]').setInputFiles(corpusPath('zipkin/zipkin__skew.json'));
    // The demo's summary is on screen until the new file is read: wait for the one that names it.
    await page.getByTestId('load-summary').filter({ hasText: 'zipkin__skew.json' }).waitFor();
    expect((await loadSummary(page)).spans).toBe(4);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('loads ?url= on start', async () => {
    const page = await openPage(browser, `?url=${encodeURIComponent('demo-trace.json')}`);
    expect((await loadSummary(page)).text).toContain('demo-trace.json');
    await page.close();
  });

  it('opens pasted JSON', async () => {
    const page = await openPage(browser, '?demo=0');
    await page.getByRole('button', { name: 'Paste JSON' }).click();
    await page.getByLabel('Trace JSON').fill(readFileSync(corpusPath('zipkin/zipkin__messaging.json'), 'utf8'));
    await page.getByRole('button', { name: 'Open pasted trace' }).click();
    expect((await loadSummary(page)).spans).toBe(4);
    await page.close();
  });

  it('never inserts markup from trace data', async () => {
    const page = await openPage(browser, '?demo=0');
    const evil = JSON.stringify([
      {
        traceId: 'aaaaaaaaaaaaaaaa',
        id: 'bbbbbbbbbbbbbbbb',
        name: '<img src=x onerror="window.__pwned=1">',
        timestamp: 1700000000000000,
        duration: 5,
        localEndpoint: { serviceName: '<b>svc</b>' },
        tags: { 'x<script>': '<script>window.__pwned=1</script>' },
      },
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'evil.json', mimeType: 'application/json', buffer: Buffer.from(evil) });
    await summary(page);
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.getByTestId('trace-summary').textContent()).toContain('<b>svc</b>');
    await page.close();
  });
});
