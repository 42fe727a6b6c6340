import type { LoadedFile, Trace } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { TraceText } from './TraceText.tsx';

const SHOWN = 200;

/** Warnings of the trace on screen, each with the span it concerns (clicking selects it). */
export function WarningsPanel({ trace, file }: { trace: Trace; file: LoadedFile }) {
  const selectSpan = useTraceStore((s) => s.selectSpan);
  const all = [...file.warnings, ...trace.warnings];
  if (all.length === 0) return null;
  return (
    <details className="warnings-panel" data-testid="warnings">
      <summary>
        {all.length} warning{all.length === 1 ? '' : 's'}
      </summary>
      <ul>
        {all.slice(0, SHOWN).map((w, i) => {
          const span = w.spanIndex === undefined ? undefined : trace.spans[w.spanIndex];
          return (
            <li key={i} data-warning-code={w.code}>
              {span && (
                <button type="button" className="link-button" onClick={() => selectSpan(span.index)}>
                  <TraceText value={span.serviceName} />: <TraceText value={span.name} />
                </button>
              )}{' '}
              {w.message}
              {w.path && <code className="warning-path"> {w.path}</code>}
            </li>
          );
        })}
        {all.length > SHOWN && <li>…and {all.length - SHOWN} more</li>}
      </ul>
    </details>
  );
}
