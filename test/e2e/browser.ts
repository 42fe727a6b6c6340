// One headless Chromium per test file, with the flags this closed-network machine needs.
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumLaunchOptions } from './browser-path.ts';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

export function appUrl(query = ''): string {
  return new URL(query, inject('baseUrl')).toString();
}

/** Fails the test on any uncaught page error: the page must never crash. */
const errorsByPage = new WeakMap<Page, string[]>();

export async function openPage(browser: Browser, query = '', width = 1400, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  errorsByPage.set(page, errors);
  await page.goto(appUrl(query));
  return page;
}

export function pageErrors(page: Page): string[] {
  return errorsByPage.get(page) ?? [];
}
