// Which documents are Jaeger JSON (the query API / UI shapes), judged from their structure
// only. Jaeger spells its ids traceID and spanID; Zipkin, OTLP and Jaeger's own internal
// domain model write traceId, which is what keeps them apart.
import { isObject, type JsonObject } from './json.ts';

export function isJaegerSpan(value: unknown): value is JsonObject {
  return isObject(value) && 'traceID' in value && 'spanID' in value;
}

/** A trace object: {traceID, spans, processes}, or jaeger-ui's model of one, which may lack traceID. */
export function isJaegerTrace(value: unknown): value is JsonObject {
  if (!isObject(value) || !Array.isArray(value.spans)) return false;
  return typeof value.traceID === 'string' || isObject(value.processes) || isJaegerSpan(value.spans[0]);
}

function isJaegerItem(value: unknown): boolean {
  return isJaegerTrace(value) || isJaegerSpan(value);
}

/** The query API's envelope keys; they tell an empty or failed response from any other {data}. */
function hasApiEnvelope(doc: JsonObject): boolean {
  return 'errors' in doc || 'total' in doc;
}

export function looksLikeJaeger(doc: unknown): boolean {
  if (Array.isArray(doc)) return doc.length > 0 && isJaegerItem(doc[0]);
  if (!isObject(doc)) return false;
  if ('data' in doc) {
    const data = doc.data;
    if (Array.isArray(data)) return data.length === 0 ? hasApiEnvelope(doc) : isJaegerItem(data[0]);
    if (data === null) return hasApiEnvelope(doc);
    return isJaegerTrace(data);
  }
  return isJaegerItem(doc);
}

/** Why `doc` is not Jaeger JSON, for the FormatError a user reads. */
export function whyNotJaeger(doc: unknown): string {
  const expected =
    'Jaeger JSON is {data: [traces]}, a trace {traceID, spans, processes}, or spans with traceID and spanID';
  if (Array.isArray(doc)) {
    if (doc.length === 0) return `Not Jaeger JSON: the array is empty. ${expected}.`;
    return `Not Jaeger JSON: the first element is ${describeItem(doc[0])}. ${expected}.`;
  }
  if (!isObject(doc))
    return `Not Jaeger JSON: the document is ${doc === null ? 'null' : `a ${typeof doc}`}. ${expected}.`;
  if ('data' in doc) {
    const data = doc.data;
    if (Array.isArray(data) && data.length > 0)
      return `Not Jaeger JSON: data[0] is ${describeItem(data[0])}. ${expected}.`;
    return `Not Jaeger JSON: data is neither a list of traces nor a trace. ${expected}.`;
  }
  if (Array.isArray(doc.spans)) return `Not Jaeger JSON: spans[0] is ${describeItem(doc.spans[0])}. ${expected}.`;
  return `Not Jaeger JSON: ${describeItem(doc)}. ${expected}.`;
}

function describeItem(value: unknown): string {
  if (!isObject(value)) return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  if ('traceId' in value || 'spanId' in value) {
    return 'an object with traceId/spanId (lowercase "Id", as Zipkin, OTLP and Jaeger\'s internal domain model write them)';
  }
  const keys = Object.keys(value).slice(0, 6);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.join(', ')}`;
}
