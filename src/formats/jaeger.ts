// Jaeger JSON as the query API and Jaeger UI write it: {data: [traces]} (UI download and
// /api/traces, with total/limit/offset/errors), {data: trace} (jaeger-ui's own model), a
// trace {traceID, spans, processes}, an array of traces, an array of spans, or one span.
import { isJaegerTrace, looksLikeJaeger, whyNotJaeger } from './jaeger-shape.ts';
import { processTable, type ProcessTable } from './jaeger-process.ts';
import { JaegerSpanReader, PreReadSpan, type SpanScope } from './jaeger-span.ts';
import { isObject, jsonText, type JsonObject } from './json.ts';
import { BatchBuilder, FormatError, type ParsedBatch } from './parsed.ts';

export { looksLikeJaeger };

/** Parses a Jaeger document; format 'jaeger'. Throws FormatError when doc is not Jaeger JSON. */
export function parseJaeger(doc: unknown): ParsedBatch {
  if (!looksLikeJaeger(doc)) throw new FormatError(whyNotJaeger(doc));
  const batch = new BatchBuilder('jaeger');
  const reader = new JaegerSpanReader(batch);
  // Loose spans (not inside a trace object) have no processes map; only inline processes.
  const looseScope: SpanScope = { processes: processTable(undefined, '$'), traceId: undefined };

  if (Array.isArray(doc)) {
    readItems(doc, '$', reader, batch, looseScope);
  } else if (isObject(doc)) {
    if ('data' in doc) {
      noteApiErrors(doc.errors, batch);
      const data = doc.data;
      if (Array.isArray(data)) readItems(data, '$.data', reader, batch, looseScope);
      else if (isJaegerTrace(data)) readTrace(data, '$.data', reader, batch);
    } else if (isJaegerTrace(doc)) {
      readTrace(doc, '$', reader, batch);
    } else {
      reader.read(doc, '$', -1, looseScope);
    }
  }
  reader.finish();
  return batch.finish();
}

/** Elements of a list that may hold traces, spans, or (in hand-made files) both. */
function readItems(
  items: readonly unknown[],
  path: string,
  reader: JaegerSpanReader,
  batch: BatchBuilder,
  looseScope: SpanScope,
): void {
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i];
    if (item instanceof PreReadSpan) reader.place(item, looseScope);
    else if (isObject(item) && Array.isArray(item.spans)) readTrace(item, `${path}[${i}]`, reader, batch);
    else if (isObject(item)) reader.read(item, path, i, looseScope);
    else
      batch.warn(
        'invalid-value',
        `expected a Jaeger trace or span object but found ${item === null ? 'null' : typeof item}; skipped`,
        `${path}[${i}]`,
      );
  }
}

function readTrace(trace: JsonObject, path: string, reader: JaegerSpanReader, batch: BatchBuilder): void {
  const written = trace.processes;
  const processes = isObject(written) ? written : undefined;
  if (processes === undefined && written !== undefined && written !== null) {
    batch.warn('invalid-value', 'processes is not an object keyed by processID; ignored', `${path}.processes`);
  }
  const table: ProcessTable = processTable(processes, `${path}.processes`);
  const scope: SpanScope = { processes: table, traceId: typeof trace.traceID === 'string' ? trace.traceID : undefined };

  if (Array.isArray(trace.warnings)) {
    trace.warnings.forEach((warning: unknown, i) => {
      batch.warn('other', typeof warning === 'string' ? warning : jsonText(warning), `${path}.warnings[${i}]`);
    });
  }

  const spans = trace.spans;
  if (!Array.isArray(spans)) return;
  const spansPath = `${path}.spans`;
  for (let i = 0; i < spans.length; i++) {
    const span: unknown = spans[i];
    // Spans of a large file may have been read as it streamed in (jaeger-stream.ts).
    if (span instanceof PreReadSpan) reader.place(span, scope);
    else if (isObject(span)) reader.read(span, spansPath, i, scope);
    else
      batch.warn(
        'invalid-value',
        `expected a span object but found ${span === null ? 'null' : typeof span}; skipped`,
        `${spansPath}[${i}]`,
      );
  }
}

/** The query API lists per-trace failures (e.g. a trace id not found) beside the data. */
function noteApiErrors(errors: unknown, batch: BatchBuilder): void {
  if (!Array.isArray(errors)) return;
  for (const error of errors) {
    if (!isObject(error)) {
      batch.notes.push(`Jaeger reported an error: ${jsonText(error)}`);
      continue;
    }
    const code = typeof error.code === 'number' || typeof error.code === 'string' ? ` ${error.code}` : '';
    const trace = typeof error.traceID === 'string' ? ` for trace ${error.traceID}` : '';
    const message = typeof error.msg === 'string' ? error.msg : jsonText(error);
    batch.notes.push(`Jaeger reported error${code}${trace}: ${message}`);
  }
}
