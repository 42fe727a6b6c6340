// Untrusted text that may be megabytes long (a prompt, a tool result): only a prefix is put in
// the page, and more is shown on request in steps, so a huge prompt never freezes it.
import { useState } from 'react';

const FIRST = 1_500;
const STEP = 20_000;

export function FoldedText({ text, className }: { text: string; className?: string }) {
  const [shown, setShown] = useState(FIRST);
  const folded = text.length > shown;
  return (
    <div className={className ? `folded-text ${className}` : 'folded-text'}>
      <pre className="folded-text__body">{folded ? `${text.slice(0, shown)}…` : text}</pre>
      {text.length > FIRST && (
        <div className="folded-text__controls">
          {folded && (
            <button type="button" className="link-button" onClick={() => setShown((n) => n + STEP)}>
              Show {Math.min(STEP, text.length - shown).toLocaleString('en-US')} more characters (
              {(text.length - shown).toLocaleString('en-US')} hidden)
            </button>
          )}
          {shown > FIRST && (
            <button type="button" className="link-button" onClick={() => setShown(FIRST)}>
              Show less
            </button>
          )}
        </div>
      )}
    </div>
  );
}
