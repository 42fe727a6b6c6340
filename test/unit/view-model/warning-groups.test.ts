import { describe, expect, it } from 'vitest';
import type { TraceWarning } from '../../../src/model/trace.ts';
import { groupWarnings, messageShape } from '../../../src/view-model/warning-groups.ts';

const skew = (parent: string, span: number): TraceWarning => ({
  code: 'clock-skew',
  message: `Span ends after its parent ${parent} (clock skew or asynchronous work)`,
  spanIndex: span,
});

describe('grouping warnings', () => {
  it('makes one group of warnings that differ only in ids, numbers and quoted values', () => {
    const warnings: TraceWarning[] = [
      skew('00000000000000a1', 1),
      {
        code: 'missing-parent',
        message: 'Parent span 00000000000000ff is not in the trace; shown as a root',
        spanIndex: 2,
      },
      skew('00000000000000b2', 3),
      skew('0af7651916cd43dd', 4),
    ];
    const groups = groupWarnings(warnings);
    expect(groups.map((g) => [g.code, g.members.length])).toEqual([
      ['clock-skew', 3],
      ['missing-parent', 1],
    ]);
    expect(groups[0].message).toBe(warnings[0].message);
    expect(groups[0].members.map((w) => w.spanIndex)).toEqual([1, 3, 4]);
  });

  it('keeps apart warnings of different codes or wording', () => {
    const groups = groupWarnings([
      { code: 'invalid-id', message: 'traceId "zz" is neither 32 hex digits nor base64 of 16 bytes; kept as written' },
      { code: 'invalid-id', message: 'traceId "yy" is neither 32 hex digits nor base64 of 16 bytes; kept as written' },
      { code: 'invalid-id', message: 'spanId "yy" is neither 16 hex digits nor base64 of 8 bytes; kept as written' },
      {
        code: 'invalid-value',
        message: 'traceId "yy" is neither 32 hex digits nor base64 of 16 bytes; kept as written',
      },
    ]);
    expect(groups.map((g) => g.members.length)).toEqual([2, 1, 1]);
  });

  it('blanks out particulars but keeps the words', () => {
    expect(messageShape('Line 12 skipped: it is an object with keys level, msg')).toBe(
      'Line # skipped: it is an object with keys level, msg',
    );
    expect(messageShape('durationNs "1.5e3" took 12.5 ms')).toBe('durationNs "…" took # ms');
  });
});
