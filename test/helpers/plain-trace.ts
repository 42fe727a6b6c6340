// Traces as plain data for deep comparison: spans the page reads from packed columns have
// getters, not own properties, and a clone's typed arrays may come from another realm.
import type { Span, Trace } from '../../src/model/trace.ts';

export function plainSpan(span: Span) {
  return {
    index: span.index,
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    serviceName: span.serviceName,
    kind: span.kind,
    startNs: span.startNs,
    durationNs: span.durationNs,
    status: { ...span.status },
    attributes: span.attributes,
    resource: span.resource,
    scope: span.scope,
    events: span.events,
    links: span.links,
  };
}

export function plainTrace(trace: Trace) {
  const { spans, tree, ...rest } = trace;
  const columns = Object.fromEntries(
    Object.entries(tree).map(([key, value]) => [
      key,
      ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value,
    ]),
  );
  return { ...rest, tree: columns, spans: spans.map(plainSpan) };
}
