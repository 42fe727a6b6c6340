// "Where the time went", span details and statistics as a user meets them in Chromium.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../helpers/corpus.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function openCorpusFile(file: string): Promise<Page> {
  const page = await openPage(browser, '?demo=0');
  await page.getByTestId('drop-zone').locator('input[type=file]').setInputFiles(corpusPath(file));
  await page.getByTestId('trace-summary').waitFor();
  return page;
}

/** "Where the time went" starts folded to its bottleneck line; these tests read its lists. */
async function openTimePanel(page: Page): Promise<void> {
  const toggle = page.getByTestId('time-panel-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function steps(page: Page, testId: string) {
  const items = page.getByTestId(testId).first().locator('li[data-span-id]');
  const n = await items.count();
  const out: { spanId: string | null; selfNs: number }[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      spanId: await items.nth(i).getAttribute('data-span-id'),
      selfNs: Number(await items.nth(i).getAttribute('data-self-ns')),
    });
  }
  return out;
}

describe('analysis', () => {
  it("shows jaeger-ui's critical path test trace as A → B → C → D with each step's time on the path", async () => {
    const page = await openCorpusFile('jaeger/jaeger-ui__TraceCriticalPath__testTrace.json');
    await openTimePanel(page);
    await page.getByTestId('critical-path').waitFor();
    // The file's own expectation: [S1] O1 40, [S2] O2 20, [S3] O3 10, [S4] O4 30 (µs).
    expect(await steps(page, 'critical-path')).toEqual([
      { spanId: 'a', selfNs: 40_000 },
      { spanId: 'b', selfNs: 20_000 },
      { spanId: 'c', selfNs: 10_000 },
      { spanId: 'd', selfNs: 30_000 },
    ]);
    expect(await page.getByTestId('critical-path-other').count()).toBe(0);
    expect(await page.getByTestId('bottleneck').textContent()).toContain('S1: 40 µs of 100 µs, 40%');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('names the bottleneck span (the one holding the most of the path) on the folded summary, and selects it', async () => {
    const file = 'jaeger/jaeger-ui__TraceCriticalPath__testTrace.json';
    // The file's own expectation: µs on the path per "[service] operation"; the largest is the bottleneck.
    const document = JSON.parse(readFileSync(corpusPath(file), 'utf8')) as { testing: Record<string, number>[] };
    const [label, us] = Object.entries(document.testing[0]).sort((a, b) => b[1] - a[1])[0];
    const [, service, operation] = /^\[(.+)\] (.+)$/.exec(label)!;
    const total = Object.values(document.testing[0]).reduce((a, b) => a + b, 0);
    const page = await openCorpusFile(file);
    const neck = page.getByTestId('bottleneck');
    // Seen without opening the panel: the summary is one line above the waterfall.
    expect(await neck.isVisible()).toBe(true);
    expect(await page.getByTestId('time-panel-toggle').getAttribute('aria-expanded')).toBe('false');
    expect((await neck.textContent())!.replace(/\s+/g, ' ')).toContain(
      `${operation} in ${service}: ${us} µs of ${total} µs, ${Math.round((us / total) * 100)}% of the critical path`,
    );
    const spanId = await neck.getAttribute('data-span-id');
    const row = page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`);
    expect(await row.textContent()).toContain(operation);
    await neck.getByRole('button', { name: operation }).click();
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('selects a span from the path: the waterfall row is selected and the detail pane shows it', async () => {
    const page = await openCorpusFile('jaeger/jaeger-ui__TraceCriticalPath__testTrace.json');
    await openTimePanel(page);
    await page.getByTestId('critical-path').locator('li[data-span-id="c"] button').click();
    const row = page.locator('[data-testid="span-row"][data-span-id="c"]');
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true');
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-span-id')).toBe('c');
    expect(await detail.getByRole('heading').first().textContent()).toBe('O3');
    // The pane closes from its close button.
    await page.getByRole('button', { name: 'Close span details' }).click();
    await expect.poll(() => page.getByTestId('span-detail').count()).toBe(0);
    expect(await row.getAttribute('aria-selected')).not.toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('lists orphan subtrees separately from the main critical path', async () => {
    const page = await openCorpusFile('zipkin/zipkin__messaging2.json');
    await openTimePanel(page);
    await page.getByTestId('critical-path').waitFor();
    const main = await steps(page, 'critical-path');
    const others = page.getByTestId('critical-path-other');
    expect(await others.count()).toBeGreaterThanOrEqual(1);
    const otherIds = new Set<string | null>();
    for (let i = 0; i < (await others.count()); i++) {
      for (const id of await others
        .nth(i)
        .locator('li[data-span-id]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-span-id')))) {
        otherIds.add(id);
      }
    }
    expect(main.length).toBeGreaterThan(0);
    for (const step of main) expect(otherIds.has(step.spanId)).toBe(false);
    expect(await page.getByTestId('time-panel').textContent()).toMatch(
      /Separate subtree \(parent span [0-9a-f]+ missing\)/,
    );
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows typed attributes in the detail pane and never turns values into markup', async () => {
    const page = await openCorpusFile('otlp/jaeger__link_attributes_trace.json');
    const row = page.getByTestId('span-row').first();
    await row.click();
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-span-id')).toBe(await row.getAttribute('data-span-id'));
    expect(await detail.getByTestId('span-attributes').isVisible()).toBe(true);
    expect(await detail.locator('img, script, iframe').count()).toBe(0);
    for (const link of await detail.locator('a').all()) {
      expect(await link.getAttribute('href')).toMatch(/^https?:/);
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    }
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('filters the waterfall to the spans of a statistics row', async () => {
    const page = await openCorpusFile('jaeger/jaeger-ui__TraceCriticalPath__testTrace.json');
    await page.getByRole('tab', { name: 'Statistics' }).click();
    const table = page.getByTestId('statistics');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(4);
    await table.locator('tbody tr[data-label="S3"] td').first().click();
    await page.getByTestId('span-row').first().waitFor();
    // S3's one span, with its parent kept as context.
    await expect
      .poll(() => page.getByTestId('span-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-span-id'))))
      .toEqual(['a', 'c']);
    expect(await page.getByRole('tab', { name: 'Waterfall' }).getAttribute('aria-selected')).toBe('true');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it("sums up the model calls of a GenAI agent trace per model, with their tokens, and selects a model's longest call", async () => {
    const file = 'jaeger/jaeger-ui__TraceTimelineViewer__genaiTestTrace.json';
    // What the file's chat spans report, read straight from its JSON.
    const raw = JSON.parse(readFileSync(corpusPath(file), 'utf8')) as {
      spans: { tags?: { key: string; value: unknown }[] }[];
    };
    const expected = new Map<string, { calls: number; input: number; output: number }>();
    for (const span of raw.spans) {
      const tags = new Map((span.tags ?? []).map((t) => [t.key, t.value]));
      if (tags.get('gen_ai.operation.name') !== 'chat') continue;
      const model = String(tags.get('gen_ai.response.model') ?? tags.get('gen_ai.request.model'));
      const entry = expected.get(model) ?? { calls: 0, input: 0, output: 0 };
      entry.calls++;
      entry.input += Number(tags.get('gen_ai.usage.input_tokens'));
      entry.output += Number(tags.get('gen_ai.usage.output_tokens'));
      expected.set(model, entry);
    }
    expect(expected.size).toBeGreaterThan(1);
    const page = await openCorpusFile(file);
    await openTimePanel(page);
    const block = page.getByTestId('genai-summary');
    await block.waitFor();
    for (const [model, want] of expected) {
      const row = block.locator(`[data-model="${model}"]`);
      expect([
        await row.getAttribute('data-calls'),
        await row.getAttribute('data-input-tokens'),
        await row.getAttribute('data-output-tokens'),
      ]).toEqual([String(want.calls), String(want.input), String(want.output)]);
    }
    const [firstModel] = expected.keys();
    await block.locator(`[data-model="${firstModel}"]`).getByRole('button').click();
    const detail = page.getByTestId('span-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(firstModel);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
