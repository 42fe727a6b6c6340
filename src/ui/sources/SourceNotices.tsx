import { useSourceStore } from '../../loading/source-store.ts';

/** What the address asked for that could not be done (a span not in the trace, an unknown parameter). */
export function SourceNotices() {
  const notices = useSourceStore((s) => s.notices);
  const dismiss = useSourceStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="source-notices source-popover" data-testid="source-notices">
      {notices.map((n) => (
        <div key={n.id} className="source-notice" role="status">
          <span>{n.text}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
