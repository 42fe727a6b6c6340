import { useMemo, useState } from 'react';
import type { LoadedFile, Trace, TraceWarning } from '../model/trace.ts';
import { useTraceStore } from '../state/trace-store.ts';
import { groupWarnings, type WarningGroup } from '../view-model/warning-groups.ts';
import { TraceText } from './TraceText.tsx';

/** Groups listed at most; and warnings listed at most when a group is opened. */
const SHOWN = 200;

/** One warning: the span it concerns (clicking selects it), what is wrong, and where. */
function WarningText({ warning, trace }: { warning: TraceWarning; trace: Trace }) {
  const selectSpan = useTraceStore((s) => s.selectSpan);
  const span = warning.spanIndex === undefined ? undefined : trace.spans[warning.spanIndex];
  return (
    <>
      {span && (
        <button type="button" className="link-button" onClick={() => selectSpan(span.index)}>
          <TraceText value={span.serviceName} />: <TraceText value={span.name} />
        </button>
      )}{' '}
      {warning.message}
      {warning.path && <code className="warning-path"> {warning.path}</code>}
    </>
  );
}

/** A warning said of many spans: one line with a count; the spans are listed when asked for. */
function GroupItem({ group, trace }: { group: WarningGroup; trace: Trace }) {
  const [open, setOpen] = useState(false);
  const count = group.members.length;
  const spanCount = group.members.filter((w) => w.spanIndex !== undefined).length;
  const what = spanCount === count ? 'spans' : 'places';
  return (
    <li data-warning-code={group.code} data-warning-group-size={count}>
      <span className="warning-count">{count}×</span> {group.message}{' '}
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? `Hide the ${count} ${what}` : `Show the ${count} ${what}`}
      </button>
      {open && (
        <ul className="warning-members" data-testid="warning-members">
          {group.members.slice(0, SHOWN).map((w, i) => (
            <li key={i} data-warning-member="">
              <WarningText warning={w} trace={trace} />
            </li>
          ))}
          {count > SHOWN && <li>…and {count - SHOWN} more</li>}
        </ul>
      )}
    </li>
  );
}

/** Warnings of the trace on screen, alike ones grouped, each with the span it concerns. */
export function WarningsPanel({ trace, file }: { trace: Trace; file: LoadedFile }) {
  const all = useMemo(() => [...file.warnings, ...trace.warnings], [file, trace]);
  // Grouping reads every message: once per trace shown, not once per render.
  const groups = useMemo(() => groupWarnings(all), [all]);
  if (all.length === 0) return null;
  return (
    <details className="warnings-panel" data-testid="warnings">
      <summary>
        {all.length} warning{all.length === 1 ? '' : 's'}
        {groups.length < all.length && ` of ${groups.length} kind${groups.length === 1 ? '' : 's'}`}
      </summary>
      <ul>
        {groups.slice(0, SHOWN).map((group, i) =>
          group.members.length === 1 ? (
            <li key={i} data-warning-code={group.code}>
              <WarningText warning={group.members[0]} trace={trace} />
            </li>
          ) : (
            <GroupItem key={i} group={group} trace={trace} />
          ),
        )}
        {groups.length > SHOWN && <li>…and {groups.length - SHOWN} more kinds</li>}
      </ul>
    </details>
  );
}
