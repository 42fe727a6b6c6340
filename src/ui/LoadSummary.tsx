import type { LoadedFile } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { FORMAT_LABELS } from '../view-model/format-labels.ts';
import { plural } from '../view-model/duration.ts';

function countWarnings(file: LoadedFile): number {
  let n = file.warnings.length;
  for (const t of file.traces) n += t.warnings.length;
  return n;
}

/** One line about everything loaded: "checkout.json · Jaeger · 2 traces · 61 spans · 3 warnings". */
export function LoadSummary() {
  const files = useTraceStore((s) => s.files);
  if (files.length === 0) return null;
  const formats = [...new Set(files.map((f) => f.format))];
  const format = formats.length === 1 ? formats[0] : 'mixed';
  let traces = 0;
  let spans = 0;
  let warnings = 0;
  for (const f of files) {
    traces += f.traces.length;
    for (const t of f.traces) spans += t.spans.length;
    warnings += countWarnings(f);
  }
  const notes = files.flatMap((f) => f.notes);
  const formatLabel =
    formats.length === 1 ? FORMAT_LABELS[formats[0]] : formats.map((f) => FORMAT_LABELS[f]).join(' + ');
  return (
    <p
      className="load-summary"
      data-testid="load-summary"
      data-format={format}
      data-trace-count={traces}
      data-span-count={spans}
      data-warning-count={warnings}
    >
      {[
        files.map((f) => f.fileName).join(', '),
        formatLabel,
        plural(traces, 'trace'),
        plural(spans, 'span'),
        plural(warnings, 'warning'),
      ].join(' · ')}
      {notes.length > 0 && <span className="load-summary__notes"> ({notes.join('; ')})</span>}
    </p>
  );
}
