import { useEffect, useState } from 'react';
import { buildTraceQl, SPAN_STATUSES, traceQlString, type SpanStatus } from '../../io/search/traceql.ts';
import { fetchTempoTags, fetchTempoTagValues } from '../../loading/search-suggestions.ts';

/**
 * Writes TraceQL for service, span name, status and duration, and offers the backend's tags
 * and their values, so that a Tempo search needs no TraceQL knowledge.
 */
export function TraceQlBuilder({
  base,
  tenant,
  onWrite,
}: {
  base: string;
  tenant: string;
  onWrite: (q: string) => void;
}) {
  const [service, setService] = useState('');
  const [spanName, setSpanName] = useState('');
  const [status, setStatus] = useState<SpanStatus>('any');
  const [minDuration, setMinDuration] = useState('');
  const [tags, setTags] = useState<string[]>([]);
  const [tag, setTag] = useState('');
  const [values, setValues] = useState<{ type: string; value: string }[]>([]);
  const [tagValue, setTagValue] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    fetchTempoTags(base, tenant, controller.signal).then(setTags, () => setTags([]));
    return () => controller.abort();
  }, [base, tenant]);
  useEffect(() => {
    setValues([]);
    if (tag === '') return;
    const controller = new AbortController();
    fetchTempoTagValues(base, tenant, tag, controller.signal).then(setValues, () => setValues([]));
    return () => controller.abort();
  }, [base, tenant, tag]);
  const serviceValues = tags.includes('resource.service.name') ? 'resource.service.name' : '';

  const write = () => {
    const built = buildTraceQl({ service, spanName, status, minDuration, maxDuration: '' });
    const typed = values.find((v) => v.value === tagValue);
    const extra =
      tag !== '' && tagValue !== ''
        ? `${tag} = ${typed && typed.type !== 'string' ? tagValue : traceQlString(tagValue)}`
        : '';
    if (extra === '') return onWrite(built);
    onWrite(built === '{}' ? `{ ${extra} }` : built.replace(/ }$/, ` && ${extra} }`));
  };

  return (
    <fieldset className="search-form__builder">
      <legend>Build the query</legend>
      <label>
        Service{' '}
        <input
          value={service}
          list={serviceValues ? 'traceql-tag-values' : undefined}
          onChange={(e) => setService(e.target.value)}
        />
      </label>
      <label>
        Span name <input value={spanName} onChange={(e) => setSpanName(e.target.value)} />
      </label>
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as SpanStatus)}>
          {SPAN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Span longer than{' '}
        <input value={minDuration} placeholder="500ms" onChange={(e) => setMinDuration(e.target.value)} />
      </label>
      <label>
        Tag{' '}
        <select aria-label="Tag" value={tag} onChange={(e) => setTag(e.target.value)}>
          <option value="">(none)</option>
          {tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag value <input value={tagValue} list="traceql-tag-values" onChange={(e) => setTagValue(e.target.value)} />
      </label>
      <datalist id="traceql-tag-values">
        {values.map((v) => (
          <option key={v.value} value={v.value} />
        ))}
      </datalist>
      <button type="button" onClick={write}>
        Write TraceQL
      </button>
    </fieldset>
  );
}
