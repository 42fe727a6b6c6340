// Saves a trace as one standard OTLP JSON file, whatever format it was read from.
import { tracesToOtlp } from '../formats/otlp-writer.ts';
import type { Trace } from '../model/trace.ts';
import { useSourceStore } from './source-store.ts';

export function traceOtlpJson(trace: Trace): string {
  return JSON.stringify(tracesToOtlp([trace]));
}

export function downloadFileName(trace: Trace): string {
  return `trace-${trace.traceId.replace(/[^0-9a-z_-]/gi, '_') || 'unknown'}.otlp.json`;
}

export function downloadTrace(trace: Trace): void {
  let text: string;
  try {
    text = traceOtlpJson(trace);
  } catch (e) {
    // Values nested deeper than the writer (or JSON.stringify) can go: say so, do not fail silently.
    const reason = e instanceof Error ? e.message : String(e);
    useSourceStore.getState().addNotices([`Download failed: the trace could not be written as JSON (${reason})`]);
    return;
  }
  const blob = new Blob([text], { type: 'application/json' });
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
