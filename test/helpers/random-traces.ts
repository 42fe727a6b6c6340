// Random traces for property tests of the analysis and of what carries it to the page.
import fc from 'fast-check';
import type { SpanKind } from '../../src/model/trace.ts';
import { makeTrace, type SpanSpec } from './make-trace.ts';

const KINDS: SpanKind[] = ['internal', 'server', 'client', 'producer', 'consumer'];

/** Random traces: any parent (earlier span, none, or missing), any times, any kinds, some errors. */
export const messyTrace = fc
  .array(
    fc.record({
      parentChoice: fc.integer({ min: 0, max: 9 }),
      parentPick: fc.nat(),
      start: fc.integer({ min: 0, max: 200 }),
      dur: fc.integer({ min: 0, max: 120 }),
      kind: fc.constantFrom(...KINDS),
      followsFrom: fc.integer({ min: 0, max: 9 }),
      error: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 40 },
  )
  .map((raw) =>
    raw.map((r, i): SpanSpec => {
      const parent =
        r.parentChoice === 0 || i === 0 ? undefined : r.parentChoice === 1 ? 'gone' : `s${r.parentPick % i}`;
      return {
        id: `s${i}`,
        parent,
        start: r.start,
        dur: r.dur,
        kind: r.kind,
        followsFrom: r.followsFrom === 0,
        error: r.error === 0,
      };
    }),
  )
  .map((specs) => makeTrace(specs));
