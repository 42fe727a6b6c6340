// The waterfall: toolbar (tree buttons, search, filters), minimap and time axis, and the
// virtualized span rows. View state lives in the view store; this wires it together.
import { scaleLinear } from 'd3-scale';
import { useCallback, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { revealKept, setSubtreeCollapsed, toggleCollapsed } from '../../view-model/collapse.ts';
import { matchPosition } from '../../view-model/match-cursor.ts';
import { treeIndex } from '../../view-model/tree-index.ts';
import type { Trace } from '../../model/trace.ts';
import { useTraceStore } from '../../state/trace-store.ts';
import { NO_FILTERS, useViewStore } from '../../state/view-store.ts';
import { formatCount, formatDuration } from '../../view-model/duration.ts';
import { FilterControls } from './FilterControls.tsx';
import { Minimap } from './Minimap.tsx';
import { MIN_NAME_WIDTH, NameColumnResizer } from './NameColumnResizer.tsx';
import { fittingNameWidth } from '../../view-model/name-column.ts';
import { MAX_INDENT_LEVELS } from './row-context.ts';
import type { RowContext } from './row-context.ts';
import { RowList } from './RowList.tsx';
import { SearchBox } from './SearchBox.tsx';
import { ShortcutsButton, ShortcutsDialog } from './ShortcutsDialog.tsx';
import { TimeAxis } from './TimeAxis.tsx';
import { TreeButtons } from './TreeButtons.tsx';
import { useElementWidth } from './use-element-width.ts';
import { useSearchKeys } from './use-waterfall-keys.ts';
import { useWaterfallModel } from './use-waterfall-model.ts';
import { ensureViewStateFor } from '../../state/trace-session.ts';
import { shownRange, zoomBetween } from './zoom.ts';
import './Waterfall.css';

/** The name column starts wide enough for its names, within these bounds (and 45% of the window). */
const FIT_MIN_NAME_WIDTH = 320;
const FIT_MAX_NAME_WIDTH = 560;
const FIT_MAX_WINDOW_SHARE = 0.45;
const TICK_SPACING_PX = 110;
/** The fitted name column leaves the timeline at least the rest of a narrow waterfall (the detail
 * pane open on a small screen); a width the user dragged to is kept as it is. */
const FIT_MAX_WATERFALL_SHARE = 0.6;
/** Zooming to a span leaves this share of its duration free on each side. */
const ZOOM_TO_SPAN_MARGIN = 0.05;

export function Waterfall({ trace }: { trace: Trace }) {
  if (trace.spans.length === 0) return <p className="wf-empty">This trace has no spans.</p>;
  return <WaterfallView trace={trace} />;
}

function WaterfallView({ trace }: { trace: Trace }) {
  useLayoutEffect(() => ensureViewStateFor(trace), [trace]);
  const model = useWaterfallModel(trace);
  const { analysis, filter, reachableMatches } = model;
  const zoom = useViewStore((s) => s.zoom);
  const search = useViewStore((s) => s.search);
  const selected = useTraceStore((s) => s.selectedSpan);
  const [nameWidth, setNameWidth] = useState(() =>
    fittingNameWidth(
      trace,
      trace.tree.maxDepth <= 20 ? 12 : 6,
      MAX_INDENT_LEVELS,
      FIT_MIN_NAME_WIDTH,
      Math.max(FIT_MIN_NAME_WIDTH, Math.min(FIT_MAX_NAME_WIDTH, window.innerWidth * FIT_MAX_WINDOW_SHARE)),
    ),
  );
  const [userSized, setUserSized] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const idPrefix = useId();
  const searchRef = useRef<HTMLInputElement>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<HTMLDivElement>(null);
  const axisWidth = useElementWidth(axisRef);
  const sectionRef = useRef<HTMLElement>(null);
  const sectionWidth = useElementWidth(sectionRef);
  const shownNameWidth =
    userSized || sectionWidth <= 0
      ? nameWidth
      : Math.min(nameWidth, Math.max(MIN_NAME_WIDTH, Math.round(sectionWidth * FIT_MAX_WATERFALL_SHARE)));

  const range = shownRange(zoom, trace.durationNs);
  const scale = useMemo(
    () => scaleLinear().domain([range.startNs, range.endNs]).range([0, 100]),
    [range.startNs, range.endNs],
  );
  const ticks = useMemo(
    // Far into a long trace neighbouring doubles are more than a nanosecond apart, and a window
    // of a few hundred nanoseconds there gives repeated ticks: each is shown once.
    () => [...new Set(scale.ticks(Math.max(2, Math.floor((axisWidth > 0 ? axisWidth : 800) / TICK_SPACING_PX))))],
    [scale, axisWidth],
  );

  const onSelect = useCallback((span: number) => useTraceStore.getState().selectSpan(span), []);
  const onToggle = useCallback(
    (span: number, wholeSubtree: boolean) => {
      const view = useViewStore.getState();
      const c = view.collapsed;
      view.setCollapsed(
        wholeSubtree ? setSubtreeCollapsed(trace.tree, c, span, !c.has(span)) : toggleCollapsed(c, span),
      );
    },
    [trace],
  );
  const indentStep = trace.tree.maxDepth <= 20 ? 12 : 6;
  const colorByKind = useViewStore((s) => s.colorByKind);
  const ctx = useMemo<RowContext>(
    () => ({
      trace,
      selfNs: analysis.selfNs,
      isSlowest: analysis.isSlowest,
      onCriticalPath: analysis.onCriticalPath,
      criticalBySpan: model.criticalBySpan,
      scale,
      indentStep,
      idPrefix,
      colorByKind,
      onToggle,
      onSelect,
    }),
    [trace, analysis, model.criticalBySpan, scale, indentStep, idPrefix, colorByKind, onToggle, onSelect],
  );

  // Turning a filter on shows what it kept, not the collapsed parents above it.
  useLayoutEffect(() => {
    if (!filter) return;
    const view = useViewStore.getState();
    const next = revealKept(trace.tree, view.collapsed, filter.keep);
    if (next !== view.collapsed) view.setCollapsed(next);
  }, [filter, trace]);

  const { rank } = treeIndex(trace.tree);
  const step = useSearchKeys(trace, reachableMatches, searchRef, () => setHelpOpen(true), !helpOpen);

  const selectedHidden = selected !== null && filter !== null && filter.keep[selected] === 0;
  const selectedSpan = selected !== null && selected < trace.spans.length ? trace.spans[selected] : null;
  const zoomToSelected = () => {
    if (!selectedSpan) return;
    const margin = Math.max(1, selectedSpan.durationNs * ZOOM_TO_SPAN_MARGIN);
    useViewStore
      .getState()
      .setZoom(
        zoomBetween(
          selectedSpan.startNs - margin,
          selectedSpan.startNs + Math.max(0, selectedSpan.durationNs) + margin,
          trace.durationNs,
        ),
      );
  };

  const style = { '--wf-name-width': `${shownNameWidth}px`, '--wf-indent-step': `${indentStep}px` } as CSSProperties;
  return (
    <section ref={sectionRef} className="waterfall" style={style} aria-label="Waterfall" data-testid="waterfall">
      <div className="wf-toolbar">
        <TreeButtons model={model} />
        <SearchBox
          inputRef={searchRef}
          reachable={reachableMatches.length}
          total={model.matches.length}
          position={matchPosition(reachableMatches, rank, selected)}
          searching={search.trim() !== model.query}
          onStep={step}
          onLeave={() => treeRef.current?.focus()}
        />
        {/* One wrapping row: on a wide screen tree buttons, search and filters share a line. */}
        <FilterControls trace={trace} />
        <span className="wf-shown" data-testid="rows-shown">
          {formatCount(model.rows.length)} of {formatCount(trace.spans.length)} spans shown
        </span>
        <ShortcutsButton onOpen={() => setHelpOpen(true)} />
      </div>
      {selectedHidden && (
        <div className="wf-notice" role="status">
          The selected span is hidden by the filters.{' '}
          <button
            type="button"
            onClick={() => {
              useViewStore.getState().setFilters(NO_FILTERS);
              useViewStore.getState().setShowOnlyMatches(false);
            }}
          >
            Clear filters
          </button>
        </div>
      )}
      <div className="wf-head">
        <div className="wf-head__name wf-zoom">
          <button
            type="button"
            onClick={() => useViewStore.getState().setZoom(null)}
            disabled={zoom === null}
            data-testid="reset-zoom"
          >
            Reset zoom
          </button>
          <button
            type="button"
            onClick={zoomToSelected}
            disabled={selectedSpan === null}
            title="Zoom the timeline to the selected span"
          >
            Zoom to span
          </button>
          <span className="wf-zoom__range" title="Time range shown">
            {formatDuration(range.startNs)} – {formatDuration(range.endNs)}
          </span>
        </div>
        <div className="wf-head__time">
          <Minimap trace={trace} />
        </div>
      </div>
      <div className="wf-head wf-head--axis">
        <div className="wf-head__name">
          <span className="wf-head__label">Service: span</span>
          <NameColumnResizer
            width={shownNameWidth}
            onChange={(width) => {
              setUserSized(true);
              setNameWidth(width);
            }}
          />
        </div>
        <div className="wf-head__time" ref={axisRef}>
          <TimeAxis scale={scale} ticks={ticks} />
        </div>
      </div>
      <RowList model={model} ctx={ctx} gridTicks={ticks} treeRef={treeRef} />
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </section>
  );
}
