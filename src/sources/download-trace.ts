// Saves a trace as one standard OTLP JSON file, whatever format it was read from.
import { tracesToOtlp } from '../formats/otlp-writer.ts';
import type { Trace } from '../model/trace.ts';

export function traceOtlpJson(trace: Trace): string {
  return JSON.stringify(tracesToOtlp([trace]));
}

export function downloadFileName(trace: Trace): string {
  return `trace-${trace.traceId.replace(/[^0-9a-z_-]/gi, '_') || 'unknown'}.otlp.json`;
}

export function downloadTrace(trace: Trace): void {
  const blob = new Blob([traceOtlpJson(trace)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = downloadFileName(trace);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the element's click; the URL may go once it is handed over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
