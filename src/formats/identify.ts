// What a JSON document that holds no trace of ours appears to be, from its top-level keys:
// the files people mistake for traces (other OTLP signals, LLM-observability and APM exports)
// get an error that names them rather than a list of the keys we looked for.
import { isObject, type JsonObject } from './json.ts';

const OTLP_SIGNALS: readonly (readonly [string, string])[] = [
  ['resourceLogs', 'logs'],
  ['resource_logs', 'logs'],
  ['resourceMetrics', 'metrics'],
  ['resource_metrics', 'metrics'],
  ['resourceProfiles', 'profiles'],
  ['resource_profiles', 'profiles'],
];

/** The events of Elastic APM's intake protocol, one per line of its NDJSON, each alone in its object. */
const APM_INTAKE_EVENTS = new Set(['metadata', 'transaction', 'span', 'error', 'metricset', 'log']);

const NOT_READ = 'which this viewer does not read; export the trace as OTLP, Jaeger or Zipkin JSON';

function otlpSignal(doc: JsonObject): string | undefined {
  for (const [key, signal] of OTLP_SIGNALS) if (Array.isArray(doc[key])) return signal;
  return undefined;
}

/** A Langfuse trace (GET /api/public/traces/{id}, the UI's Download JSON) or observation. */
function isLangfuseRecord(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('parentObservationId' in value || 'htmlPath' in value) return true;
  if (Array.isArray(value.observations) && ('projectId' in value || 'sessionId' in value || 'latency' in value))
    return true;
  // The UI's download: {trace, observations}.
  return isObject(value.trace) && Array.isArray(value.observations);
}

function isLangfuse(doc: JsonObject | readonly unknown[]): boolean {
  if (!isObject(doc)) return isLangfuseRecord(doc[0]);
  if (isLangfuseRecord(doc)) return true;
  const data = doc.data;
  return Array.isArray(data) && isObject(doc.meta) && isLangfuseRecord(data[0]);
}

/** SigNoz's trace answers: /api/v1/traces/{id} gives [{columns, events}], the v2 waterfall span maps. */
function isSigNoz(doc: JsonObject | readonly unknown[]): boolean {
  const first: unknown = isObject(doc) ? doc : doc[0];
  if (!isObject(first)) return false;
  if (Array.isArray(first.columns) && Array.isArray(first.events)) return true;
  return 'spanIdToSpanNodeMap' in first || 'serviceNameToTotalDurationMap' in first;
}

/** A SkyWalking segment (traceSegmentId, spans with refs), or its GraphQL answer {data: {trace: {spans}}}. */
function isSkyWalking(doc: JsonObject | readonly unknown[]): boolean {
  const first: unknown = isObject(doc) ? doc : doc[0];
  if (!isObject(first)) return false;
  if ('traceSegmentId' in first) return true;
  const data = first.data;
  const trace = isObject(data) ? data.trace : undefined;
  const spans = isObject(trace) ? trace.spans : undefined;
  const span: unknown = Array.isArray(spans) ? spans[0] : undefined;
  return isObject(span) && 'segmentId' in span;
}

/** One event of Elastic APM's intake NDJSON: an object with a single key naming its kind. */
export function isApmIntakeEvent(value: unknown): boolean {
  if (!isObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && APM_INTAKE_EVENTS.has(keys[0]) && isObject(value[keys[0]]);
}

/**
 * What `doc` appears to be, as a phrase that completes "this appears to be …", or undefined
 * when its keys do not make it clear. Cheap: looks at top-level keys and a first element.
 */
export function whatItAppearsToBe(doc: unknown): string | undefined {
  if (!isObject(doc) && !Array.isArray(doc)) return undefined;
  if (isObject(doc)) {
    const signal = otlpSignal(doc);
    if (signal !== undefined) return `an OTLP ${signal} export: it holds no spans`;
  }
  if (isLangfuse(doc)) return `a Langfuse export (traces and observations), ${NOT_READ}`;
  if (isSigNoz(doc)) return `a SigNoz trace answer, ${NOT_READ}`;
  if (isSkyWalking(doc)) return `a SkyWalking trace (segments of spans), ${NOT_READ}`;
  if (isApmIntakeEvent(doc) || (Array.isArray(doc) && isApmIntakeEvent(doc[0])))
    return `Elastic APM intake data (metadata, transactions and spans), ${NOT_READ}`;
  return undefined;
}
