import type { TraceFormat } from '../model/trace.ts';

export const FORMAT_LABELS: Record<TraceFormat, string> = {
  jaeger: 'Jaeger',
  'zipkin-v1': 'Zipkin v1',
  'zipkin-v2': 'Zipkin v2',
  otlp: 'OTLP',
  'otlp-jsonl': 'OTLP JSON Lines',
  tempo: 'Tempo',
};
