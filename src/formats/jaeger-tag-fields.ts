// Span fields that Jaeger carries as tags: span.kind, the error flag with the otel.status_*
// pair that Jaeger's OTLP translator writes, and the instrumentation scope (otel.scope.* or
// the older otel.library.*). The tags stay in the span's attributes as well, as Jaeger UI
// shows them; these fields are read from them in addition.
import { STATUS_ONLY } from '../model/shared-values.ts';
import type { Attribute, SpanKind, SpanStatus } from '../model/trace.ts';
import { attributeText, resolvePath, type PathRef, type WarnFn } from './jaeger-tags.ts';
import { isObject } from './json.ts';
import { FIELD_TAG_KEYS, findFieldTags, otelStatusCode } from './otel-tags.ts';

export interface TagFields {
  readonly kind: SpanKind;
  readonly status: SpanStatus;
  readonly scopeName: string | undefined;
  readonly scopeVersion: string | undefined;
}

const KINDS: { readonly [tagValue: string]: SpanKind | undefined } = {
  server: 'server',
  client: 'client',
  producer: 'producer',
  consumer: 'consumer',
  internal: 'internal',
};

/**
 * Whether readTagFields looks at tags with this key: a span's other tags can then be read
 * later (see DeferredAttributesSpan), since these fields are all that is needed at once.
 */
export function isTagFieldKey(key: string): boolean {
  // A first-letter test spares most keys the set lookup, which hashes the whole key.
  const first = key.charCodeAt(0);
  return (first === 111 /* o */ || first === 115 /* s */ || first === 101) /* e */ && FIELD_TAG_KEYS.has(key);
}

/** `rawTags` and `spanPath` only serve to point a warning at the tag concerned. */
export function readTagFields(
  attributes: readonly Attribute[],
  rawTags: unknown,
  spanPath: PathRef,
  warn: WarnFn,
): TagFields {
  const tags = findFieldTags(attributes, 'last');
  const message = tags.statusDescription === undefined ? undefined : attributeText(tags.statusDescription.value);
  return {
    kind: tags.kind === undefined ? 'unspecified' : kindOf(tags.kind, rawTags, spanPath, warn),
    status: statusOf(tags.error, tags.statusCode, message, rawTags, spanPath, warn),
    scopeName: tags.scopeName,
    scopeVersion: tags.scopeVersion,
  };
}

function kindOf(tag: Attribute, rawTags: unknown, spanPath: PathRef, warn: WarnFn): SpanKind {
  const text = attributeText(tag.value);
  const kind = text === undefined ? undefined : KINDS[text.trim().toLowerCase()];
  if (kind !== undefined) return kind;
  warn(
    'unknown-kind',
    `span.kind ${JSON.stringify(text ?? tag.value.type)} is not server, client, producer, consumer or internal; shown as unspecified`,
    tagPath(rawTags, spanPath, 'span.kind'),
  );
  return 'unspecified';
}

function statusOf(
  errorTag: Attribute | undefined,
  statusCodeTag: Attribute | undefined,
  message: string | undefined,
  rawTags: unknown,
  spanPath: PathRef,
  warn: WarnFn,
): SpanStatus {
  const error = message === undefined ? STATUS_ONLY.error : { code: 'error' as const, message };
  // As in Jaeger's OTLP translator, error=true decides; otel.status_code counts otherwise.
  if (errorTag !== undefined && isTrue(errorTag)) return error;
  if (statusCodeTag === undefined) return STATUS_ONLY.unset;
  const text = attributeText(statusCodeTag.value);
  const code = text === undefined ? undefined : otelStatusCode(text);
  if (code === 'error') return error;
  if (code !== undefined) return STATUS_ONLY[code];
  warn(
    'invalid-value',
    `otel.status_code ${JSON.stringify(text?.trim().toUpperCase() ?? statusCodeTag.value.type)} is not OK, ERROR or UNSET; status left unset`,
    tagPath(rawTags, spanPath, 'otel.status_code'),
  );
  return STATUS_ONLY.unset;
}

/** Jaeger UI counts both the bool true and the string "true" (as some writers send it). */
function isTrue(tag: Attribute): boolean {
  const value = tag.value;
  return value.type === 'bool' ? value.value : value.type === 'string' && value.value.trim().toLowerCase() === 'true';
}

/** Path of the tag with `key`, looked up only when a warning needs it. */
function tagPath(rawTags: unknown, spanPath: PathRef, key: string): string {
  if (Array.isArray(rawTags)) {
    const index = rawTags.findIndex((tag: unknown) => isObject(tag) && tag.key === key);
    if (index >= 0) return `${resolvePath(spanPath)}.tags[${index}].value`;
  }
  return `${resolvePath(spanPath)}.tags`;
}
