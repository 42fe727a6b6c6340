import { type ReactNode, useState } from 'react';

/**
 * Copies `text` on click and says "Copied" for a moment. With children it shows them instead of
 * the word Copy (a key that copies itself), still named "Copy <label>" for screen readers.
 */
export function CopyButton({
  text,
  label,
  className = 'copy-button',
  children,
}: {
  text: string;
  label: string;
  className?: string;
  children?: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className={className}
      aria-label={`Copy ${label}`}
      title={copied ? 'Copied' : `Copy ${label}`}
      data-copied={copied || undefined}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(
          () => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1200);
          },
          () => setCopied(false),
        );
      }}
    >
      {children ?? (copied ? 'Copied' : 'Copy')}
    </button>
  );
}
