import { useMemo, useState } from 'react';
import { attributeDisplayText, foldedPreview, httpUrl } from '../../analysis/attribute-text.ts';
import type { AttributeValue } from '../../model/trace.ts';
import { boundText, cutNote } from '../../view-model/bounded-text.ts';
import { looksLikeJson, type PrettyJson, prettyJsonBounded } from '../../view-model/json-text.ts';

/** "Show more" reveals this many more characters a time: a 200 MB value never lands in the page at once. */
const SHOW_MORE_STEP = 50_000;

/**
 * One attribute value as text (never markup). Long values fold behind "show more", which reveals
 * them in steps; strings that hold JSON can be formatted on request (bounded in depth and size);
 * a value that is exactly an http(s) URL is a link. Copy beside it has the whole value.
 */
export function AttributeValueView({ value }: { value: AttributeValue }) {
  /** Characters shown; undefined while folded. */
  const [limit, setLimit] = useState<number | undefined>(undefined);
  const [formatted, setFormatted] = useState<PrettyJson | undefined>(undefined);
  const text = useMemo(() => attributeDisplayText(value), [value]);
  const jsonLike = value.type === 'string' && looksLikeJson(value.value);
  const url = value.type === 'string' ? httpUrl(value.value) : undefined;

  if (value.type === 'empty') return <span className="attr-value attr-value--empty">(empty)</span>;

  const shown = formatted?.ok ? formatted.text : text;
  const preview = limit === undefined ? foldedPreview(shown) : undefined;
  const visible =
    preview !== undefined
      ? { text: boundText(preview, preview.length, true).text, cut: shown.length - preview.length + 1 }
      : boundText(shown, limit ?? shown.length, true);
  const display = preview === undefined && visible.cut > 0 ? `${visible.text}…` : visible.text;
  const format = () => {
    if (value.type !== 'string') return;
    setFormatted(prettyJsonBounded(value.value));
    setLimit(SHOW_MORE_STEP);
  };
  const showRaw = () => {
    setFormatted(undefined);
    setLimit(undefined);
  };

  return (
    <div className={`attr-value attr-value--${value.type}`}>
      {url !== undefined ? (
        <a className="attr-value__text" href={url} rel="noopener noreferrer" target="_blank">
          {display}
        </a>
      ) : (
        <span className="attr-value__text" data-testid="attr-value-text">
          {display}
        </span>
      )}
      {formatted !== undefined && !formatted.ok && <span className="attr-value__note">{formatted.reason}</span>}
      {formatted?.ok && formatted.cut && (
        <span className="attr-value__note">The formatted text is cut; Copy gives the whole value.</span>
      )}
      {(visible.cut > 0 || limit !== undefined || jsonLike) && (
        <span className="attr-value__actions">
          {visible.cut > 0 && (
            <button
              type="button"
              className="link-button"
              aria-expanded={limit !== undefined}
              onClick={() => setLimit((limit ?? 0) + SHOW_MORE_STEP)}
            >
              {`Show more (${cutNote(visible.cut)})`}
            </button>
          )}
          {limit !== undefined && formatted === undefined && (
            <button type="button" className="link-button" onClick={() => setLimit(undefined)}>
              Show less
            </button>
          )}
          {jsonLike && (
            <button
              type="button"
              className="link-button"
              aria-pressed={formatted !== undefined}
              onClick={formatted === undefined ? format : showRaw}
            >
              {formatted === undefined ? 'Format JSON' : 'Show raw'}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
