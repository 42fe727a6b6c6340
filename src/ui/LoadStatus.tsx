import { cancelDownloads } from '../loading/load-files.ts';
import { useDownloadProgress } from '../state/download-progress.ts';
import { useTraceStore } from '../state/trace-store.ts';

const STAGE_LABEL = { reading: 'Reading', decompressing: 'Decompressing', parsing: 'Parsing', done: 'Done' } as const;

/** Progress of files being read, and errors of files that could not be read. */
export function LoadStatus() {
  const loading = useTraceStore((s) => s.loading);
  const errors = useTraceStore((s) => s.errors);
  const dismiss = useTraceStore((s) => s.dismissError);
  // While bytes arrive the download line has the Cancel; after that (decompressing, parsing) it is here.
  const downloading = useDownloadProgress((s) => Object.keys(s.downloads).length > 0);
  return (
    <>
      {loading.length > 0 && (
        <div className="loading" role="status" aria-live="polite" data-testid="loading">
          <span className="spinner" aria-hidden="true" />
          {loading.map((l) => `${STAGE_LABEL[l.stage]} ${l.fileName}…`).join(' ')}
          {!downloading && (
            <button type="button" onClick={cancelDownloads}>
              Cancel
            </button>
          )}
        </div>
      )}
      {errors.map((e, i) => (
        <div className="load-error" role="alert" key={`${e.fileName}-${i}`}>
          <span>{e.message}</span>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(i)}>
            ×
          </button>
        </div>
      ))}
    </>
  );
}
