import { useSearchStore } from '../loading/search-store.ts';
import { currentTrace, useTraceStore } from '../state/trace-store.ts';
import { DropZone } from './DropZone.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LoadStatus } from './LoadStatus.tsx';
import { LoadSummary } from './LoadSummary.tsx';
import { MainView } from './MainView.tsx';
import { SearchPage } from './search/SearchPage.tsx';
import { SourceBar } from './sources/SourceBar.tsx';
import { useTheme } from './theme.ts';
import { TraceHeader } from './TraceHeader.tsx';
import { TracePicker } from './TracePicker.tsx';
import { usePageDrop } from './usePageDrop.ts';
import { WarningsPanel } from './WarningsPanel.tsx';

export function App() {
  const [theme, toggleTheme] = useTheme();
  const dragging = usePageDrop();
  const trace = useTraceStore(currentTrace);
  const file = useTraceStore((s) => (s.current ? s.files[s.current.file] : undefined));
  const ref = useTraceStore((s) => s.current);
  const searching = useSearchStore((s) => s.open);

  return (
    <div className={dragging ? 'app app--dragging' : 'app'}>
      <div className="toolbar">
        <span className="app-name">Trace viewer</span>
        <DropZone prominent={trace === null && !searching} />
        <SourceBar />
        <button
          type="button"
          className="theme-toggle"
          onClick={toggleTheme}
          aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
        >
          {theme === 'dark' ? 'Light theme' : 'Dark theme'}
        </button>
      </div>
      <LoadStatus />
      <ErrorBoundary what="The load summary">
        <LoadSummary />
      </ErrorBoundary>
      {searching && (
        <ErrorBoundary what="The search page">
          <SearchPage />
        </ErrorBoundary>
      )}
      {!searching && (
        <ErrorBoundary what="The trace list">
          <TracePicker />
        </ErrorBoundary>
      )}
      {!searching && trace && file && (
        // Keyed by which loaded trace it is: two files may hold the same trace (a whole and a
        // partial export), and views must not keep state (cursors, hovered boxes) from the other.
        <main className="trace-view" key={`${ref?.file}:${ref?.trace}:${trace.traceId}`}>
          <ErrorBoundary what="The trace header">
            <TraceHeader trace={trace} />
          </ErrorBoundary>
          <ErrorBoundary what="The warnings">
            <WarningsPanel trace={trace} file={file} />
          </ErrorBoundary>
          <ErrorBoundary what="The trace">
            <MainView trace={trace} />
          </ErrorBoundary>
        </main>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop trace files to open them
        </div>
      )}
    </div>
  );
}
