import { useState } from 'react';
import type { Trace } from '../../model/trace.ts';
import { downloadTrace } from '../../loading/download-trace.ts';
import { shareLink } from '../../address/share-link.ts';

export type CopyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'working' }
  | { readonly kind: 'copied'; readonly link: string; readonly embedded: boolean; readonly clipboard: boolean }
  | { readonly kind: 'failed'; readonly message: string; readonly offerDownload: boolean };

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** "Copy link": the address of this exact view, or the trace itself for a local file. */
export function useCopyLink(): { state: CopyState; copy: () => void; reset: () => void } {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  const copy = async () => {
    setState({ kind: 'working' });
    const result = await shareLink();
    if (!result.ok) setState({ kind: 'failed', message: result.message, offerDownload: result.tooLarge });
    else
      setState({
        kind: 'copied',
        link: result.link,
        embedded: result.embedded,
        clipboard: await writeClipboard(result.link),
      });
  };
  return { state, copy: () => void copy(), reset: () => setState({ kind: 'idle' }) };
}

/** What "Copy link" did: the link (also to select by hand where there is no clipboard), or why there is none. */
export function ShareResult({ state, trace, onClose }: { state: CopyState; trace: Trace | null; onClose: () => void }) {
  if (state.kind !== 'copied' && state.kind !== 'failed') return null;
  return (
    <div className="source-popover share-result" role="status" data-testid="share-result">
      {state.kind === 'copied' ? (
        <>
          <p>
            {state.clipboard ? 'Link copied.' : 'Copy this link (the clipboard is not available here):'}
            {state.embedded && ' The trace travels inside the link (after #, which is never sent to a server).'}
          </p>
          <input
            className="share-result__link"
            aria-label="Link to this view"
            readOnly
            value={state.link}
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      ) : (
        <p>{state.message}</p>
      )}
      <div className="source-form__actions">
        {state.kind === 'failed' && state.offerDownload && trace && (
          <button type="button" onClick={() => downloadTrace(trace)}>
            Download instead
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
