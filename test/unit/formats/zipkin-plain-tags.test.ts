// Zipkin tag objects whose values are all strings are read when first asked for; any other
// tag object is read at once, with its warnings. Either way a span shows the same attributes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeferredAttributesSpan, type ScalarSink, type ScalarType } from '../../../src/formats/parsed.ts';
import { parseZipkinV2 } from '../../../src/formats/zipkin-v2.ts';
import type { Attribute } from '../../../src/model/trace.ts';

const tagKey = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('error', 'http.path', '10', '2'));
const tagValue = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant({ nested: 'x' })) },
);
const endpoint = fc.option(
  fc.record(
    {
      serviceName: fc.constantFrom('db', 'cache'),
      ipv4: fc.constantFrom('10.0.0.1', undefined),
      port: fc.constantFrom(5432, undefined),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

/** What the span should show: every tag as text in the object's key order, then the added attributes. */
function expectedAttributes(
  tags: Record<string, unknown>,
  remote: { serviceName?: string; ipv4?: string; port?: number } | undefined,
  debug: boolean,
  shared: boolean,
): Attribute[] {
  const list: Attribute[] = Object.keys(tags).map((key) => {
    const value = tags[key];
    const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    return { key, value: { type: 'string', value: text } };
  });
  if (remote?.serviceName !== undefined)
    list.push({ key: 'peer.service', value: { type: 'string', value: remote.serviceName } });
  if (remote?.ipv4 !== undefined) list.push({ key: 'net.peer.ip', value: { type: 'string', value: remote.ipv4 } });
  if (remote?.port !== undefined)
    list.push({ key: 'net.peer.port', value: { type: 'int', value: String(remote.port) } });
  if (debug) list.push({ key: 'zipkin.debug', value: { type: 'bool', value: true } });
  if (shared) list.push({ key: 'zipkin.shared', value: { type: 'bool', value: true } });
  return list;
}

class Collector implements ScalarSink {
  readonly list: Attribute[] = [];
  scalar(key: string, type: ScalarType, value: string | number | boolean): void {
    this.list.push({ key, value: { type, value } as Attribute['value'] });
  }
}

describe('Zipkin v2 tags', () => {
  it('show the same attributes and status whether read at once or later, and warn about every value that is not a string', () => {
    fc.assert(
      fc.property(
        fc.dictionary(tagKey, tagValue, { maxKeys: 6 }),
        endpoint,
        fc.boolean(),
        fc.boolean(),
        (tagsIn, remote, debug, shared) => {
          // As JSON.parse would give them (key order included).
          const tags = JSON.parse(JSON.stringify(tagsIn)) as Record<string, unknown>;
          const raw = {
            traceId: 'a1',
            id: 'b2',
            name: 'op',
            timestamp: 1,
            duration: 2,
            localEndpoint: { serviceName: 'front' },
            tags,
            debug,
            shared,
            kind: 'SERVER',
            remoteEndpoint: remote,
          };
          const { spans, warnings } = parseZipkinV2(JSON.parse(JSON.stringify([raw])));
          const span = spans[0];
          const expected = expectedAttributes(tags, remote, debug, shared);
          const plain = Object.values(tags).every((v) => typeof v === 'string');
          expect(warnings.length).toBe(plain ? 0 : Object.values(tags).filter((v) => typeof v !== 'string').length);
          // The packer's view of a list not read yet: its count, then its attributes one by one.
          if (!(span instanceof DeferredAttributesSpan)) throw new Error('Zipkin spans are DeferredAttributesSpans');
          const unread = span.unreadAttributeCount();
          expect(unread).toBe(plain ? expected.length : -1);
          if (plain) {
            const visited = new Collector();
            span.visitUnreadAttributes(visited);
            expect(visited.list).toEqual(expected);
          }
          expect(span.attributes).toEqual(expected);
          // An error tag of any value marks failure; its text is the message.
          const error = expected.find((a) => a.key === 'error')?.value;
          if (error?.type === 'string')
            expect(span.status).toEqual(
              error.value === '' ? { code: 'error' } : { code: 'error', message: error.value },
            );
          else expect(span.status.code).toBe('unset');
        },
      ),
      { numRuns: 400 },
    );
  });
});
