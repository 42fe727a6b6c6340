// Starts a fresh view state (no zoom, search or filters; the initial collapse) whenever another
// trace is shown. It follows the trace store rather than the waterfall's mounting: switching
// to the statistics view and back must keep the state (and a span set the statistics view
// picked), while opening another trace from any view must reset it.
import { openingCollapsed } from '../view-model/initial-collapse.ts';
import type { Trace } from '../model/trace.ts';
import { currentTrace, useTraceStore } from './trace-store.ts';
import { useViewStore } from './view-store.ts';

let stateFor: Trace | null = null;

/** Resets the view state unless it already belongs to this trace. */
export function ensureViewStateFor(trace: Trace): void {
  if (stateFor === trace) return;
  stateFor = trace;
  useViewStore.getState().resetForTrace(openingCollapsed(trace.tree));
}

useTraceStore.subscribe((state, previous) => {
  const trace = currentTrace(state);
  if (trace && trace !== currentTrace(previous)) ensureViewStateFor(trace);
});
