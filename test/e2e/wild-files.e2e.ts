// Files as real tools write them, dropped in as a user would: OTLP with protobuf field names
// and bare-number nanoseconds, Elasticsearch search answers, JSON Lines with a stray line,
// files that are not traces, and warnings that repeat. Samples are written here, by hand.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, pageErrors } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TRACE = '5b8efff798038103d269b633813fc60c';

async function openFile(name: string, text: string): Promise<Page> {
  const page = await openPage(browser, '?demo=0');
  await page
    .getByTestId('drop-zone')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return page;
}

async function loadSummary(page: Page) {
  const s = page.getByTestId('load-summary');
  await s.waitFor();
  return {
    format: await s.getAttribute('data-format'),
    spans: Number(await s.getAttribute('data-span-count')),
    text: (await s.textContent()) ?? '',
  };
}

async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alert');
  await alert.first().waitFor();
  return (await alert.first().textContent()) ?? '';
}

describe('files people actually have', () => {
  it('reads OTLP with protobuf field names and bare-number nanoseconds to the nanosecond', async () => {
    // As Python's MessageToJson(preserving_proto_field_name=True) names fields, with the
    // times unquoted as browser SDKs write them: JSON.parse alone would make 14,899,968 ns.
    const text = `{"resource_spans":[{"resource":{"attributes":[{"key":"service.name","value":{"string_value":"web"}}]},
      "scope_spans":[{"scope":{"name":"browser"},"spans":[
      {"trace_id":"${TRACE}","span_id":"eee19b7ec3c1b174","name":"page load","kind":"SPAN_KIND_CLIENT",
       "start_time_unix_nano":1736935200008000000,"end_time_unix_nano":1736935200022900000,
       "status":{"code":"STATUS_CODE_ERROR"}},
      {"trace_id":"${TRACE}","span_id":"eee19b7ec3c1b173","parent_span_id":"eee19b7ec3c1b174","name":"fetch",
       "start_time_unix_nano":1736935200018000000,"end_time_unix_nano":1736935200018000999}]}]}]}`;
    const page = await openFile('proto-names.json', text);
    expect(await loadSummary(page)).toMatchObject({ format: 'otlp', spans: 2 });
    const trace = page.getByTestId('trace-summary');
    expect(await trace.getAttribute('data-trace-id')).toBe(TRACE);
    expect(await trace.getAttribute('data-duration-ns')).toBe('14900000');
    expect(await page.getByTestId('warnings').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('unwraps an Elasticsearch search answer around Jaeger span documents', async () => {
    const span = (spanID: string, parent: string | undefined, startTime: number) => ({
      traceID: TRACE,
      spanID,
      operationName: `op-${spanID}`,
      references: parent ? [{ refType: 'CHILD_OF', traceID: TRACE, spanID: parent }] : [],
      startTime,
      startTimeMillis: Math.floor(startTime / 1000),
      duration: 1500,
      tags: [],
      tag: { 'http.method': 'GET' },
      process: { serviceName: 'frontend', tag: { hostname: 'h1' } },
    });
    const answer = {
      took: 4,
      timed_out: false,
      hits: {
        total: { value: 2, relation: 'eq' },
        hits: [
          { _index: 'jaeger-span-2025-01-15', _source: span('a1', undefined, 1_736_935_200_000_000) },
          { _index: 'jaeger-span-2025-01-15', _source: span('b2', 'a1', 1_736_935_200_000_300) },
        ],
      },
    };
    const page = await openFile('search.json', JSON.stringify(answer));
    expect(await loadSummary(page)).toMatchObject({ format: 'jaeger', spans: 2 });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('skips a JSON Lines line of another shape, and says which and why', async () => {
    const line = (spanId: string) =>
      JSON.stringify({
        resourceSpans: [
          {
            resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
            scopeSpans: [
              {
                spans: [
                  {
                    traceId: TRACE,
                    spanId,
                    name: 'op',
                    startTimeUnixNano: '1736935200000000000',
                    endTimeUnixNano: '1736935200000001000',
                  },
                ],
              },
            ],
          },
        ],
      });
    const text = [line('eee19b7ec3c1b174'), '{"level":"info","msg":"exporter started"}', line('eee19b7ec3c1b173')].join(
      '\n',
    );
    const page = await openFile('collector.jsonl', text);
    const summary = await loadSummary(page);
    expect(summary).toMatchObject({ format: 'otlp-jsonl', spans: 2 });
    expect(summary.text).toContain('Skipped 1 of 3 lines (line 2 not a trace of a known format)');
    const warnings = page.getByTestId('warnings');
    await warnings.locator('summary').click();
    expect(await warnings.textContent()).toContain('Line 2 skipped: it is an object with keys level, msg');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('says what a file that is not a trace appears to be', async () => {
    const page = await openFile('logs.json', JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [] }] }] }));
    expect(await alertText(page)).toContain('logs.json: This appears to be an OTLP logs export: it holds no spans');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  it('groups warnings that repeat into one line with a count, and lists their spans on demand', async () => {
    const child = (n: number) => ({
      traceId: TRACE,
      spanId: `00000000000000c${n}`,
      parentSpanId: '00000000000000a1',
      name: `job ${n}`,
      startTimeUnixNano: `173693520000000${n}000`,
      endTimeUnixNano: '1736935200090000000',
    });
    const doc = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'worker' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: TRACE,
                  spanId: '00000000000000a1',
                  name: 'request',
                  startTimeUnixNano: '1736935200000000000',
                  endTimeUnixNano: '1736935200010000000',
                },
                ...[1, 2, 3, 4, 5].map(child),
                {
                  traceId: TRACE,
                  spanId: '00000000000000d1',
                  parentSpanId: '00000000000000ff',
                  name: 'orphan',
                  startTimeUnixNano: '1736935200000000000',
                  endTimeUnixNano: '1736935200000001000',
                },
              ],
            },
          ],
        },
      ],
    };
    const page = await openFile('async.json', JSON.stringify(doc));
    await loadSummary(page);
    const warnings = page.getByTestId('warnings');
    await warnings.locator('summary').click();
    expect(await warnings.locator('summary').textContent()).toBe('6 warnings of 2 kinds');
    const group = warnings.locator('[data-warning-code="clock-skew"]');
    expect(await group.getAttribute('data-warning-group-size')).toBe('5');
    expect(await warnings.locator('[data-warning-code="missing-parent"]').count()).toBe(1);
    await group.getByRole('button', { name: 'Show the 5 spans' }).click();
    const members = group.locator('[data-warning-member]');
    expect(await members.count()).toBe(5);
    await members.nth(2).getByRole('button', { name: 'worker: job 3' }).click();
    await page.locator('[data-testid="span-detail"][data-span-id="00000000000000c3"]').waitFor();
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
