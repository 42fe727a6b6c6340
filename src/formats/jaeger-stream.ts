// A large Jaeger file read as it streams in: each run of a trace's spans is read into
// PreReadSpans (jaeger-span.ts) as soon as it is parsed, and its JSON let go, instead of the whole
// document of span objects living until the end (about 1.5 GB at a million spans). The trace's
// processes come after its spans, so what needs them waits for parseJaeger, which places the
// spans read so where it finds them. The document, and so the outcome, is the same as read whole.
import { JaegerSpanPreReader, PreReadSpan } from './jaeger-span.ts';
import { isObject } from './json.ts';

/** A trace's spans: $.spans (a trace), $.data.spans ({data: trace}), $.data[i].spans or $[i].spans (lists of traces). */
const SPANS_PATH = /^\$(?:\.data)?(?:\[\d+\])?\.spans$/;

/** How much of the start of a file tells its format here. */
export const JAEGER_SNIFF_BYTES = 64 * 1024;

/** Keys of the formats whose spans could sit under a "spans" key that is not Jaeger's. */
const OTHER_FORMAT_KEYS = ['"resourceSpans"', '"resource_spans"', '"scopeSpans"', '"scope_spans"', '"batches"'];

/**
 * Whether a file whose first bytes are `head` is Jaeger JSON: ids spelled traceID and spanID,
 * and none of OTLP's or Tempo's keys. A file it misjudges is read again without streaming.
 */
export function looksLikeJaegerStart(head: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(head.subarray(0, JAEGER_SNIFF_BYTES));
  return (
    text.includes('"traceID"') && text.includes('"spanID"') && !OTHER_FORMAT_KEYS.some((key) => text.includes(key))
  );
}

export class JaegerStreamReading {
  private readonly reader = new JaegerSpanPreReader();
  /** Spans read while streaming. */
  count = 0;

  /** For JsonStreamOptions.onElements. */
  readonly onElements = (path: string, first: number, values: unknown[]): void => {
    if (!SPANS_PATH.test(path)) return;
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      if (!isObject(value) || value instanceof PreReadSpan) continue;
      values[k] = this.reader.read(value, path, first + k);
      this.count++;
    }
  };
}
