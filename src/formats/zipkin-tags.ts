// Zipkin v2 tags, a JSON object of strings, read when first asked for: at 100,000 spans the
// two objects per tag that reading them makes are much of what a parse allocates. Only tag
// objects whose values are all strings wait, so that every warning is still given at load.
import type { Attribute } from '../model/trace.ts';
import type { JsonObject } from './json.ts';
import type { PlainListReader, ScalarSink } from './parsed.ts';

/** A span's tags as written, and the attributes the reader adds after them (peer endpoint, debug, shared). */
export interface PlainZipkinTags {
  readonly tags: JsonObject;
  readonly tagCount: number;
  /** Scalar attributes only. */
  readonly extras: readonly Attribute[];
}

/** What scanPlainTags learnt of a tag object whose values are all strings. */
export class PlainTagScan {
  count = 0;
  /**
   * Whether a tag may give a span field (`error`, `otel.*`). Looking those keys up in every
   * span's tags costs more than the rest of reading them: most spans have none of them, and a
   * missing key is the slowest lookup there is.
   */
  mayGiveFields = false;
}

/** True when every value of `tags` is a string (no tag needs a warning); `scan` then says more. */
export function scanPlainTags(tags: JsonObject, scan: PlainTagScan): boolean {
  let count = 0;
  let mayGiveFields = false;
  for (const key in tags) {
    if (typeof tags[key] !== 'string') return false;
    count++;
    if (!mayGiveFields) {
      const first = key.charCodeAt(0);
      mayGiveFields = (first === 101 /* e */ && key === 'error') || (first === 111 /* o */ && key.startsWith('otel.'));
    }
  }
  scan.count = count;
  scan.mayGiveFields = mayGiveFields;
  return true;
}

export const plainZipkinTags: PlainListReader = {
  count(raw: unknown): number {
    const { tagCount, extras } = raw as PlainZipkinTags;
    return tagCount + extras.length;
  },
  visit(raw: unknown, sink: ScalarSink): void {
    const { tags, extras } = raw as PlainZipkinTags;
    for (const key in tags) sink.scalar(key, 'string', tags[key] as string);
    for (let i = 0; i < extras.length; i++) {
      const { key, value } = extras[i];
      if (
        value.type === 'string' ||
        value.type === 'int' ||
        value.type === 'bool' ||
        value.type === 'double' ||
        value.type === 'bytes'
      )
        sink.scalar(key, value.type, value.value);
    }
  },
};
