import { describe, expect, it } from 'vitest';
import { buildTraceQl } from '../../../../src/io/search/traceql.ts';

const none = { service: '', spanName: '', status: 'any', minDuration: '', maxDuration: '' } as const;

describe('the TraceQL builder', () => {
  it('matches every trace when nothing is chosen', () => {
    expect(buildTraceQl(none)).toBe('{}');
  });
  it('joins service, span name, status and durations with &&', () => {
    expect(
      buildTraceQl({
        service: 'api',
        spanName: 'GET /orders',
        status: 'error',
        minDuration: '500ms',
        maxDuration: '2s',
      }),
    ).toBe(
      '{ resource.service.name = "api" && name = "GET /orders" && status = error && duration >= 500ms && duration <= 2s }',
    );
  });
  it('escapes quotes and backslashes in names', () => {
    expect(buildTraceQl({ ...none, service: 'a"b\\c' })).toBe('{ resource.service.name = "a\\"b\\\\c" }');
  });
});
