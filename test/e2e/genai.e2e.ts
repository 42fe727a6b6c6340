// The demo as someone debugging an AI pipeline meets it: kind badges on the GenAI rows, the
// token totals on the trace summary, and the LLM call's conversation in its span detail.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RAG_TOKENS, ragJaeger, ragOtlp, ragZipkin } from '../helpers/rag-formats.ts';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('GenAI in the demo', () => {
  it('shows token totals on the summary, kind badges on the rows and the LLM call as a transcript', async () => {
    // Tall enough that the waterfall renders every one of the demo's 67 rows.
    const page = await openPage(browser, '', 1400, 2600);
    const summary = page.getByTestId('trace-summary');
    await summary.waitFor();
    // Two embedding attempts (17 tokens, the first failed before counting) and one chat call.
    expect(await summary.getAttribute('data-input-tokens')).toBe('6204');
    expect(await summary.getAttribute('data-output-tokens')).toBe('264');
    expect(await page.getByTestId('trace-tokens').textContent()).toBe('6,204 input and 264 output tokens');
    expect(await page.getByTestId('trace-genai').textContent()).toContain('A request was retried');

    for (const [kind, text] of [
      ['embedding', 'embed'],
      ['retriever', 'retrieve'],
      ['llm', 'LLM'],
    ]) {
      const badge = page.locator(`[data-testid="genai-kind-badge"][data-genai-kind="${kind}"]`).first();
      await badge.waitFor();
      expect(await badge.textContent()).toBe(text);
    }

    const chatRow = page
      .locator('[data-testid="span-row"]')
      .filter({ has: page.locator('.wf-service', { hasText: 'rag-orchestrator' }) })
      .filter({ has: page.locator('.wf-op', { hasText: 'chat llama-3.1-8b-instruct' }) });
    // The model answers under its full name; the row shows it without the organisation.
    expect(await chatRow.locator('[data-badge="genai"]').textContent()).toBe('Llama-3.1-8B-Instruct');
    expect(await chatRow.locator('.wf-duration').textContent()).toContain('6.2k → 264 tokens');
    await chatRow.click();

    const detail = page.getByTestId('genai-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-genai-kind')).toBe('llm');
    expect(await page.getByTestId('genai-tokens').textContent()).toBe('6,187 in · 264 out');
    expect(await page.getByTestId('genai-ttft').textContent()).toMatch(/^after \d/);
    const turns = detail.locator('.genai-turn');
    expect(await turns.evaluateAll((els) => els.map((el) => el.getAttribute('data-role')))).toEqual([
      'system',
      'user',
      'assistant',
    ]);
    expect(await turns.nth(1).textContent()).toContain('How do I rotate our SSO signing keys');
    // Markdown stays text: the bold markers are shown, not turned into markup.
    expect(await turns.nth(2).textContent()).toContain('**Publish the new key next to the old one**');
    expect(await turns.nth(2).locator('strong').count()).toBe(0);
    // The GenAI section comes before the raw attributes.
    const order = await page.evaluate(() => {
      const g = document.querySelector('[data-testid="genai-detail"]')!;
      const a = document.querySelector('[data-testid="span-attributes"]')!;
      return g.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('one RAG trace in three formats', () => {
  it.each([
    ['rag.otlp.json', ragOtlp],
    ['rag.jaeger.json', ragJaeger],
    ['rag.zipkin.json', ragZipkin],
  ])('%s shows the same token totals on the summary', async (name, write) => {
    const page = await openPage(browser, '?demo=0');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(write()) });
    const summary = page.getByTestId('trace-summary');
    await summary.waitFor();
    expect(await summary.getAttribute('data-input-tokens')).toBe(String(RAG_TOKENS.input));
    expect(await summary.getAttribute('data-output-tokens')).toBe(String(RAG_TOKENS.output));
    expect(pageErrors(page)).toEqual([]);
  });
});
