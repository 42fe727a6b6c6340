// The baseline of the in-browser benchmarks: JSON.parse of the same file's text, in the same page.
import type { Page } from 'playwright-core';

/** Median of five JSON.parse runs of the file's text, read in the page from a File. */
export async function jsonParseInPage(page: Page, file: string): Promise<number> {
  await page.evaluate(() => {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = 'bench-baseline-input';
    input.hidden = true;
    document.body.append(input);
  });
  await page.setInputFiles('#bench-baseline-input', file);
  return page.evaluate(async () => {
    const input = document.getElementById('bench-baseline-input') as HTMLInputElement;
    const text = await input.files![0].text();
    input.remove();
    const runs: number[] = [];
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      JSON.parse(text);
      runs.push(performance.now() - t0);
    }
    return runs.sort((a, b) => a - b)[2];
  });
}
