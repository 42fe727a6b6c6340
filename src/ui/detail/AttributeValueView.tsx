import { useMemo, useState } from 'react';
import { attributeDisplayText, foldedPreview, httpUrl } from '../../analysis/attribute-text.ts';
import { looksLikeJson, prettyJson } from '../../view-model/json-text.ts';
import type { AttributeValue } from '../../model/trace.ts';

/**
 * One attribute value as text (never markup). Long values fold behind "show more"; strings that
 * hold JSON can be shown indented on request; a value that is exactly an http(s) URL is a link.
 */
export function AttributeValueView({ value }: { value: AttributeValue }) {
  const [expanded, setExpanded] = useState(false);
  const [formatted, setFormatted] = useState(false);
  const text = useMemo(() => attributeDisplayText(value), [value]);
  const pretty = useMemo(
    () => (value.type === 'string' && looksLikeJson(value.value) ? prettyJson(value.value) : undefined),
    [value],
  );
  const url = value.type === 'string' ? httpUrl(value.value) : undefined;

  if (value.type === 'empty') return <span className="attr-value attr-value--empty">(empty)</span>;

  // Formatted JSON is asked for to be read, so it is shown whole.
  const shown = formatted && pretty !== undefined ? pretty : text;
  const preview = formatted || expanded ? undefined : foldedPreview(shown);
  const foldable = formatted ? false : expanded || preview !== undefined;

  return (
    <div className={`attr-value attr-value--${value.type}`}>
      {url !== undefined ? (
        <a className="attr-value__text" href={url} rel="noopener noreferrer" target="_blank">
          {preview ?? shown}
        </a>
      ) : (
        <span className="attr-value__text" data-testid="attr-value-text">
          {preview ?? shown}
        </span>
      )}
      {(foldable || pretty !== undefined) && (
        <span className="attr-value__actions">
          {foldable && (
            <button
              type="button"
              className="link-button"
              aria-expanded={expanded}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? 'Show less' : `Show more (${shown.length.toLocaleString('en-US')} characters)`}
            </button>
          )}
          {pretty !== undefined && (
            <button
              type="button"
              className="link-button"
              aria-pressed={formatted}
              onClick={() => setFormatted(!formatted)}
            >
              {formatted ? 'Show raw' : 'Format JSON'}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
