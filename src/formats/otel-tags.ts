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

/** The keys of the tags that give span fields (see findFieldTags). */
export const FIELD_TAG_KEYS: ReadonlySet<string> = new Set([
  'span.kind',
  'error',
  'otel.status_code',
  'otel.status_description',
  'otel.scope.name',
  'otel.scope.version',
  'otel.library.name',
  'otel.library.version',
]);

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
  if (scopeName === undefined && libraryName !== undefined) return { name: libraryName, version: scopeVersion ?? libraryVersion };
  return { name: scopeName, version: scopeVersion };
}

/** The tags among `attributes` that give span fields. Of tags with the same key, `pick` says which counts. */
export function findFieldTags(attributes: readonly Attribute[], pick: 'first' | 'last'): FieldTagAttributes {
  let kind: Attribute | undefined;
  let error: Attribute | undefined;
  let statusCode: Attribute | undefined;
  let statusDescription: Attribute | undefined;
  let scopeName: Attribute | undefined;
  let scopeVersion: Attribute | undefined;
  let libraryName: Attribute | undefined;
  let libraryVersion: Attribute | undefined;
  const last = pick === 'last';
  for (const attribute of attributes) {
    switch (attribute.key) {
      case 'span.kind':
        if (last || kind === undefined) kind = attribute;
        break;
      case 'error':
        if (last || error === undefined) error = attribute;
        break;
      case 'otel.status_code':
        if (last || statusCode === undefined) statusCode = attribute;
        break;
      case 'otel.status_description':
        if (last || statusDescription === undefined) statusDescription = attribute;
        break;
      case 'otel.scope.name':
        if (last || scopeName === undefined) scopeName = attribute;
        break;
      case 'otel.scope.version':
        if (last || scopeVersion === undefined) scopeVersion = attribute;
        break;
      case 'otel.library.name':
        if (last || libraryName === undefined) libraryName = attribute;
        break;
      case 'otel.library.version':
        if (last || libraryVersion === undefined) libraryVersion = attribute;
        break;
    }
  }
  const textOf = (a: Attribute | undefined) => (a === undefined ? undefined : attributeText(a.value));
  const scope = scopeOfTags(textOf(scopeName), textOf(scopeVersion), textOf(libraryName), textOf(libraryVersion));
  return { kind, error, statusCode, statusDescription, scopeName: scope.name, scopeVersion: scope.version };
}
