import { cancelDownloads } from '../../loading/load-files.ts';
import { formatBytes } from '../../io/fetch-error.ts';
import { useDownloadProgress } from '../../state/download-progress.ts';

/** Bytes received of each download in flight, with the percent when the size is known. */
export function DownloadStatus() {
  const downloads = useDownloadProgress((s) => s.downloads);
  const entries = Object.entries(downloads);
  if (entries.length === 0) return null;
  return (
    <div className="download-status" role="status" aria-live="polite" data-testid="download-progress">
      {entries.map(([name, d]) => {
        const percent = d.total ? Math.floor((d.received / d.total) * 100) : null;
        const text = `${formatBytes(d.received)}${d.total ? ` of ${formatBytes(d.total)} (${percent}%)` : ''}`;
        return (
          <span key={name} className="download-status__entry" title={`${d.received.toLocaleString('en-US')} bytes`}>
            <span className="download-status__name">Downloading {name}:</span>
            <progress
              max={d.total ?? undefined}
              value={d.total ? d.received : undefined}
              aria-label={`Download of ${name}`}
            />
            <span data-testid="download-bytes">{text}</span>
          </span>
        );
      })}
      <button type="button" onClick={cancelDownloads}>
        Cancel
      </button>
    </div>
  );
}
