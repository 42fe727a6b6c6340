// Span fields that Jaeger and Zipkin carry as tags, as OpenTelemetry's exporters to them write
// them: otel.status_code (OK or ERROR; UNSET is left out) and otel.status_description, the
// instrumentation scope as otel.scope.* (otel.library.* before), and for Jaeger span.kind and
// the error flag (Zipkin's error tag too). The tags stay in the span's attributes as well.
import type { Attribute, StatusCode } from '../model/trace.ts';
import { attributeText } from './jaeger-tags.ts';

/** The status code an otel.status_code value names, or undefined when it names none. */
export function otelStatusCode(text: string): StatusCode | undefined {
  switch (text.trim().toUpperCase()) {
    case 'ERROR':
    case 'STATUS_CODE_ERROR':
    case '2':
      return 'error';
    case 'OK':
    case 'STATUS_CODE_OK':
    case '1':
      return 'ok';
    case 'UNSET':
    case 'STATUS_CODE_UNSET':
    case '0':
      return 'unset';
    default:
      return undefined;
  }
}

export interface FieldTagAttributes {
  readonly kind: Attribute | undefined;
  readonly error: Attribute | undefined;
  readonly statusCode: Attribute | undefined;
  readonly statusDescription: Attribute | undefined;
  readonly scopeName: string | undefined;
  readonly scopeVersion: string | undefined;
}

type FieldTag =
  | 'kind'
  | 'error'
  | 'statusCode'
  | 'statusDescription'
  | 'scopeName'
  | 'scopeVersion'
  | 'libraryName'
  | 'libraryVersion';

/** The tags that give span fields, by key: what findFieldTags looks for. */
const FIELD_TAG_OF: ReadonlyMap<string, FieldTag> = new Map([
  ['span.kind', 'kind'],
  ['error', 'error'],
  ['otel.status_code', 'statusCode'],
  ['otel.status_description', 'statusDescription'],
  ['otel.scope.name', 'scopeName'],
  ['otel.scope.version', 'scopeVersion'],
  ['otel.library.name', 'libraryName'],
  ['otel.library.version', 'libraryVersion'],
]);

/** The keys of the tags that give span fields (see findFieldTags). */
export const FIELD_TAG_KEYS: ReadonlySet<string> = new Set(FIELD_TAG_OF.keys());

/**
 * The instrumentation scope the otel.scope.* tags name. The older otel.library.* names stand
 * in when otel.scope.name is absent; the newer names win when both are there.
 */
export function scopeOfTags(
  scopeName: string | undefined,
  scopeVersion: string | undefined,
  libraryName: string | undefined,
  libraryVersion: string | undefined,
): { readonly name: string | undefined; readonly version: string | undefined } {
  if (scopeName === undefined && libraryName !== undefined)
    return { name: libraryName, version: scopeVersion ?? libraryVersion };
  return { name: scopeName, version: scopeVersion };
}

/** The tags among `attributes` that give span fields. Of tags with the same key, `pick` says which counts. */
export function findFieldTags(attributes: readonly Attribute[], pick: 'first' | 'last'): FieldTagAttributes {
  const found: Record<FieldTag, Attribute | undefined> = {
    kind: undefined,
    error: undefined,
    statusCode: undefined,
    statusDescription: undefined,
    scopeName: undefined,
    scopeVersion: undefined,
    libraryName: undefined,
    libraryVersion: undefined,
  };
  const last = pick === 'last';
  for (const attribute of attributes) {
    const tag = FIELD_TAG_OF.get(attribute.key);
    if (tag !== undefined && (last || found[tag] === undefined)) found[tag] = attribute;
  }
  const textOf = (a: Attribute | undefined) => (a === undefined ? undefined : attributeText(a.value));
  const scope = scopeOfTags(
    textOf(found.scopeName),
    textOf(found.scopeVersion),
    textOf(found.libraryName),
    textOf(found.libraryVersion),
  );
  return {
    kind: found.kind,
    error: found.error,
    statusCode: found.statusCode,
    statusDescription: found.statusDescription,
    scopeName: scope.name,
    scopeVersion: scope.version,
  };
}
