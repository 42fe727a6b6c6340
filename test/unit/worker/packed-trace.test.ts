// @vitest-environment node
// The worker posts traces packed into columns (pack-trace.ts) and the page reads spans from
// them (unpack-trace.ts): what the page sees must be exactly the trace the worker built.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';
import type { Attribute, AttributeValue, Trace } from '../../../src/model/trace.ts';
import { MOVE_FROM_BYTES, packedTransferables } from '../../../src/worker/packed-trace.ts';
import { LET_GO_FROM_SPANS, packTraceForPage } from '../../../src/worker/pack-for-page.ts';
import { packTrace } from '../../../src/worker/pack-trace.ts';
import { unpackTrace } from '../../../src/worker/unpack-trace.ts';
import { generateTraceText } from '../../../bench/generate.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';
import { makeTrace } from '../../helpers/make-trace.ts';
import { nestingOf } from '../../helpers/nesting.ts';
import { throughPostMessage } from '../../helpers/page-round-trip.ts';
import { plainTrace } from '../../helpers/plain-trace.ts';

function expectSameTrace(actual: Trace, expected: Trace): void {
  expect(plainTrace(actual)).toEqual(plainTrace(expected));
}

describe('packed traces', () => {
  const loadable = corpusEntries().filter((e) => e.expect === 'load' || e.expect === 'load-with-warnings');
  for (const entry of loadable) {
    it(`${entry.file}: the page reads the same spans the worker built`, () => {
      const outcome = loadTraceText(entry.file, readCorpusText(entry.file));
      if (!outcome.ok) throw new Error(outcome.error.message);
      for (const trace of outcome.file.traces) expectSameTrace(throughPostMessage(trace), trace);
    });
  }

  it('keeps typed values exactly: int64 digits, non-finite and negative-zero doubles, bytes, nested arrays and maps', () => {
    const trace = makeTrace([
      {
        id: 'a',
        start: 0,
        dur: 10,
        error: true,
        attrs: {
          big: { type: 'int', value: '9223372036854775807' },
          nan: { type: 'double', value: NaN },
          inf: { type: 'double', value: -Infinity },
          negZero: { type: 'double', value: -0 },
          raw: { type: 'bytes', value: 'AAEC/w==' },
          none: { type: 'empty' },
          flag: false,
          nested: {
            type: 'array',
            value: [
              { type: 'string', value: 'x' },
              { type: 'map', value: [{ key: 'k', value: { type: 'array', value: [] } }] },
              { type: 'empty' },
            ],
          },
          unicode: 'naïve ✓ 😀 <b>',
          blank: '',
        },
        events: ['exception', 'retry'],
      },
      { id: 'b', parent: 'a', start: 2, dur: 3, followsFrom: true, kind: 'consumer' },
      { id: 'c', parent: 'gone', start: 4, dur: 1 },
    ]);
    const after = throughPostMessage(trace);
    expectSameTrace(after, trace);
    const nested = after.spans[0].attributes.find((a) => a.key === 'negZero');
    expect(nested?.value).toEqual({ type: 'double', value: -0 });
    expect(Object.is(nested?.value.type === 'double' && nested.value.value, -0)).toBe(true);
  });

  it('keeps status messages, missing scopes and several text chunks', () => {
    const text = generateTraceText('otlp', 3_000, 7);
    const outcome = loadTraceText('gen.json', text);
    if (!outcome.ok) throw new Error(outcome.error.message);
    const trace = outcome.file.traces[0];
    expect(trace.spans.some((s) => s.status.message !== undefined)).toBe(true);
    // A few thousand characters a chunk gives dozens of chunks over 3,000 spans.
    const packed = packTrace(trace, { chunkChars: 4_000 });
    expect(packed.packed.chunks.length).toBeGreaterThan(10);
    expectSameTrace(throughPostMessage(trace, 4_000), trace);
  });

  it('moves the large columns of a trace and copies the small ones, so that a file of many small traces posts in one go', () => {
    const small = packTrace(
      makeTrace([
        { id: 'a', start: 0, dur: 5 },
        { id: 'b', parent: 'a', start: 1, dur: 2 },
      ]),
    );
    expect(packedTransferables(small)).toEqual([]);
    const outcome = loadTraceText('big.json', generateTraceText('otlp', 20_000, 3));
    if (!outcome.ok) throw new Error(outcome.error.message);
    const trace = outcome.file.traces[0];
    // Moving the tree columns empties them here; the comparison still needs the original's.
    const big = packTrace({ ...trace, tree: structuredClone(trace.tree) });
    const moved = packedTransferables(big);
    expect(moved).toContain(big.packed.detail.buffer);
    expect(moved).toContain(big.packed.startNs.buffer);
    expect(moved.every((b) => b.byteLength >= MOVE_FROM_BYTES)).toBe(true);
    expectSameTrace(unpackTrace(structuredClone(big, { transfer: moved })), trace);
  });

  it('packs the same when letting go of the parsed spans, which leaves the span list empty', () => {
    const text = generateTraceText('jaeger', LET_GO_FROM_SPANS, 11);
    const load = () => {
      const outcome = loadTraceText('j.json', text);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.file.traces[0];
    };
    const expected = load();
    const consumed = load();
    const packed = packTraceForPage(consumed, true);
    expect(consumed.spans.every((span) => span === undefined)).toBe(true);
    expect(packed.analysis).toEqual(packTraceForPage(expected).analysis);
    expectSameTrace(unpackTrace(packed), expected);
    // A smaller trace keeps its spans: they are little, and packing first is quicker.
    const smaller = loadTraceText('s.json', generateTraceText('jaeger', 100, 12));
    if (!smaller.ok) throw new Error(smaller.error.message);
    packTraceForPage(smaller.file.traces[0], true);
    expect(smaller.file.traces[0].spans.every((span) => span !== undefined)).toBe(true);
  });

  it('gives the same span object each time it is asked for one, with the same details', () => {
    const trace = throughPostMessage(makeTrace([{ id: 'a', start: 0, dur: 5, attrs: { k: 'v' }, events: ['e'] }]));
    const span = trace.spans[0];
    expect(span.attributes).toBe(span.attributes);
    expect(span.events).toBe(span.events);
    expect(trace.spans[0]).toBe(span);
  });

  it('gives a status message read before or after the other details, the same object each time', () => {
    const base = makeTrace([
      { id: 'a', start: 0, dur: 5 },
      { id: 'b', parent: 'a', start: 1, dur: 2, attrs: { k: 'v' }, events: ['e'] },
    ]);
    const spans = base.spans.map((s) => ({
      ...s,
      status: { code: 'error' as const, message: `failed in ${s.spanId}` },
    }));
    const [root, child] = throughPostMessage({ ...base, spans }).spans;
    const early = child.status;
    expect(early).toEqual({ code: 'error', message: 'failed in b' });
    expect(child.attributes).toEqual([{ key: 'k', value: { type: 'string', value: 'v' } }]);
    expect(child.events.map((e) => e.name)).toEqual(['e']);
    expect(child.status).toBe(early);
    expect(root.events).toEqual([]);
    expect(root.status).toEqual({ code: 'error', message: 'failed in a' });
  });

  it('keeps any spans of any typed attributes, events, links and statuses', () => {
    const key = fc.string({ maxLength: 6 });
    const { value } = fc.letrec<{ value: AttributeValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ type: fc.constant('string' as const), value: fc.string({ unit: 'binary', maxLength: 12 }) }),
        fc.record({
          type: fc.constant('int' as const),
          value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
        }),
        fc.record({ type: fc.constant('double' as const), value: fc.double() }),
        fc.record({ type: fc.constant('bool' as const), value: fc.boolean() }),
        fc.record({ type: fc.constant('bytes' as const), value: fc.base64String({ maxLength: 12 }) }),
        fc.constant({ type: 'empty' as const }),
        fc.record({ type: fc.constant('array' as const), value: fc.array(tie('value'), { maxLength: 3 }) }),
        fc.record({
          type: fc.constant('map' as const),
          value: fc.array(fc.record({ key, value: tie('value') }), { maxLength: 3 }) as fc.Arbitrary<Attribute[]>,
        }),
      ),
    }));
    const attributes = fc.array(fc.record({ key, value }), { maxLength: 4 });
    const spanSpec = fc.record({
      attributes,
      events: fc.array(
        fc.record({ name: fc.string({ maxLength: 5 }), timeNs: fc.integer({ min: 0, max: 1e6 }), attributes }),
        { maxLength: 2 },
      ),
      links: fc.array(
        fc.record({
          traceId: fc.string({ maxLength: 8 }),
          spanId: fc.string({ maxLength: 8 }),
          relation: fc.constantFrom('link' as const, 'follows_from' as const, 'child_of' as const),
          attributes,
        }),
        { maxLength: 2 },
      ),
      message: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
      parent: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
      scoped: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(spanSpec, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 64 }),
        (specs, chunkChars) => {
          const base = makeTrace(specs.map((_, i) => ({ id: `s${i}`, start: i, dur: 1 })));
          const scope = { name: 'lib', version: '1.0', attributes: [] };
          const spans = base.spans.map((span, i) => {
            const spec = specs[i];
            return {
              ...span,
              parentSpanId: spec.parent,
              status: spec.message === undefined ? span.status : { code: 'error' as const, message: spec.message },
              attributes: spec.attributes,
              events: spec.events,
              links: spec.links,
              scope: spec.scoped ? scope : undefined,
            };
          });
          const trace: Trace = { ...base, spans };
          expectSameTrace(throughPostMessage(trace, chunkChars), trace);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps values nested 20,000 deep without exhausting the call stack', () => {
    let deep: AttributeValue = { type: 'string', value: 'bottom' };
    for (let i = 0; i < 20_000; i++)
      deep = i % 2 === 0 ? { type: 'array', value: [deep] } : { type: 'map', value: [{ key: `k${i}`, value: deep }] };
    const base = makeTrace([{ id: 'a', start: 0, dur: 1 }]);
    const trace: Trace = { ...base, spans: [{ ...base.spans[0], attributes: [{ key: 'deep', value: deep }] }] };
    const after = throughPostMessage(trace);
    const { depth, bottom } = nestingOf(after.spans[0].attributes[0].value);
    expect(depth).toBe(20_000);
    expect(bottom).toEqual({ type: 'string', value: 'bottom' });
  });

  it('keeps resource and scope attributes nested 20,000 deep, which a structured clone of them would not survive', () => {
    let deep: AttributeValue = { type: 'string', value: 'bottom' };
    for (let i = 0; i < 20_000; i++) deep = { type: 'array', value: [deep] };
    const base = makeTrace([
      { id: 'a', start: 0, dur: 1 },
      { id: 'b', parent: 'a', start: 0, dur: 1 },
    ]);
    const resource = { serviceName: 'svc', attributes: [{ key: 'deep', value: deep }] };
    const scope = { name: 'lib', version: '1.0', attributes: [{ key: 'deep', value: deep }] };
    const trace: Trace = { ...base, spans: base.spans.map((s) => ({ ...s, resource, scope })) };
    const after = throughPostMessage(trace);
    for (const { attributes } of [after.spans[0].resource, after.spans[0].scope!]) {
      const { depth, bottom } = nestingOf(attributes[0].value);
      expect(depth).toBe(20_000);
      expect(bottom).toEqual({ type: 'string', value: 'bottom' });
    }
    expect(after.spans[0].resource.serviceName).toBe('svc');
    expect(after.spans[0].scope).toMatchObject({ name: 'lib', version: '1.0' });
    // One object per distinct resource and scope, as before the trip.
    expect(after.spans[1].resource).toBe(after.spans[0].resource);
    expect(after.spans[1].scope).toBe(after.spans[0].scope);
  });
});
