// "Download" writes the model as OTLP/JSON; reading that file back must give the same model.
import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';
import { tracesToOtlp } from '../../../src/formats/otlp-writer.ts';
import type { Span, Trace } from '../../../src/model/trace.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';

function comparable(span: Span) {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    serviceName: span.serviceName,
    kind: span.kind,
    startNs: span.startNs,
    durationNs: span.durationNs,
    status: span.status,
    attributes: span.attributes,
    resource: span.resource.attributes.filter((a) => a.key !== 'service.name'),
    scope: span.scope
      ? { name: span.scope.name, version: span.scope.version, attributes: span.scope.attributes }
      : undefined,
    events: span.events,
    links: span.links,
  };
}

function model(traces: readonly Trace[]) {
  return traces
    .map((t) => ({
      traceId: t.traceId,
      startEpochNs: t.startEpochNs,
      durationNs: t.durationNs,
      spans: t.spans
        .map(comparable)
        .sort(
          (a, b) =>
            a.startNs - b.startNs ||
            (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0) ||
            a.name.localeCompare(b.name),
        ),
    }))
    .sort((a, b) => (a.traceId < b.traceId ? -1 : 1));
}

describe('OTLP download round trip', () => {
  const loadable = corpusEntries().filter((e) => e.expect === 'load' || e.expect === 'load-with-warnings');
  for (const entry of loadable) {
    it(`${entry.file} reads back the same`, () => {
      const first = loadTraceText('in.json', readCorpusText(entry.file));
      if (!first.ok) throw new Error(first.error.message);
      const written = JSON.stringify(tracesToOtlp(first.file.traces));
      const second = loadTraceText('out.json', written);
      if (!second.ok) throw new Error(second.error.message);
      expect(second.file.format).toBe('otlp');
      expect(model(second.file.traces)).toEqual(model(first.file.traces));
    });
  }
});
