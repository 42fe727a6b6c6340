import { useEffect, useRef, useState } from 'react';
import { downloadFileName, downloadTrace } from '../../loading/download-trace.ts';
import { useSearchStore } from '../../loading/search-store.ts';
import { currentTrace, useTraceStore } from '../../state/trace-store.ts';
import { BackendForm } from './BackendForm.tsx';
import { DownloadStatus } from './DownloadStatus.tsx';
import { ShareResult, useCopyLink } from './ShareControls.tsx';
import { SourceNotices } from './SourceNotices.tsx';
import { UrlForm } from './UrlForm.tsx';
import './sources.css';

type Panel = 'url' | 'backend';

const PANEL_LABEL: Readonly<Record<Panel, string>> = { url: 'Open URL…', backend: 'From backend…' };

/** Toolbar controls to load from a URL or a tracing backend, copy a link to this view, and download the trace. */
export function SourceBar() {
  const current = useTraceStore(currentTrace);
  const searching = useSearchStore((s) => s.open);
  // The search page hides the trace loaded before: Copy link and Download are about the search then.
  const trace = searching ? null : current;
  const [panel, setPanel] = useState<Panel | null>(null);
  const share = useCopyLink();
  const root = useRef<HTMLDivElement>(null);
  const toggles = useRef<Partial<Record<Panel, HTMLButtonElement | null>>>({});

  useEffect(() => {
    if (panel === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setPanel(null);
      toggles.current[panel]?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (e.target instanceof Node && !root.current?.contains(e.target)) setPanel(null);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [panel]);

  const close = () => setPanel(null);
  return (
    <div className="source-bar" ref={root} data-testid="source-bar">
      {(['url', 'backend'] as const).map((p) => (
        <button
          key={p}
          type="button"
          ref={(el) => {
            toggles.current[p] = el;
          }}
          aria-expanded={panel === p}
          aria-controls={panel === p ? `source-panel-${p}` : undefined}
          onClick={() => {
            share.reset();
            setPanel((open) => (open === p ? null : p));
          }}
        >
          {PANEL_LABEL[p]}
        </button>
      ))}
      <button
        type="button"
        disabled={(!trace && !searching) || share.state.kind === 'working'}
        onClick={() => {
          close();
          share.copy();
        }}
        title={
          searching
            ? 'Copy a link that runs this search again'
            : 'Copy a link that opens this trace with the same span, view, zoom, search and filters'
        }
      >
        Copy link
      </button>
      <button
        type="button"
        disabled={!trace}
        onClick={() => trace && downloadTrace(trace)}
        title={
          trace
            ? `Save as OTLP JSON (${downloadFileName(trace)}), which opens again with nothing lost`
            : 'Open a trace first'
        }
      >
        Download
      </button>
      <DownloadStatus />
      <div className="source-bar__popovers">
        {panel !== null && (
          <div id={`source-panel-${panel}`} className="source-popover">
            {panel === 'url' ? <UrlForm onDone={close} /> : <BackendForm onDone={close} />}
          </div>
        )}
        <ShareResult state={share.state} trace={trace} onClose={share.reset} />
        <SourceNotices />
      </div>
    </div>
  );
}
