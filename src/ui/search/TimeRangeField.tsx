import {
  LOOKBACK_LABEL,
  LOOKBACKS,
  isLookback,
  localInputText,
  parseLocalInput,
  type TimeRangeChoice,
} from '../../io/search/time-range.ts';

/** A preset lookback ("last hour", which a link keeps relative) or a custom start and end. */
export function TimeRangeField({
  value,
  onChange,
  error,
}: {
  value: TimeRangeChoice;
  onChange: (range: TimeRangeChoice) => void;
  error?: string;
}) {
  return (
    <fieldset className="search-form__range">
      <legend>Time range</legend>
      <select
        aria-label="Time range"
        value={value.kind === 'relative' ? value.lookback : 'custom'}
        onChange={(e) => {
          const v = e.target.value;
          if (isLookback(v)) onChange({ kind: 'relative', lookback: v });
          else {
            const endUs = Date.now() * 1000;
            onChange({ kind: 'absolute', startUs: endUs - 3_600_000_000, endUs });
          }
        }}
      >
        {LOOKBACKS.map((l) => (
          <option key={l} value={l}>
            {LOOKBACK_LABEL[l]}
          </option>
        ))}
        <option value="custom">Custom range…</option>
      </select>
      {value.kind === 'absolute' && (
        <>
          <label>
            From{' '}
            <input
              type="datetime-local"
              value={localInputText(value.startUs)}
              onChange={(e) => {
                const us = parseLocalInput(e.target.value);
                if (us !== undefined) onChange({ ...value, startUs: us });
              }}
            />
          </label>
          <label>
            To{' '}
            <input
              type="datetime-local"
              value={localInputText(value.endUs)}
              onChange={(e) => {
                const us = parseLocalInput(e.target.value);
                if (us !== undefined) onChange({ ...value, endUs: us });
              }}
            />
          </label>
        </>
      )}
      {error && (
        <p className="source-form__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
