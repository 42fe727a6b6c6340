import { useState, type ReactNode } from 'react';
import { BACKEND_KINDS, BACKEND_LABEL, checkBaseUrl, isBackendKind } from '../../io/backend-api.ts';
import { MAX_LIMIT } from '../../io/search/search-query.ts';
import { cancelSearch, runSearch } from '../../loading/run-search.ts';
import { useSearchStore, type SearchState } from '../../loading/search-store.ts';
import { TimeRangeField } from './TimeRangeField.tsx';
import { TraceQlBuilder } from './TraceQlBuilder.tsx';
import { useOperations, useServices } from './use-suggestions.ts';

type Draft = NonNullable<SearchState['query']>;

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="search-form__field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} className="source-form__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The search fields of one backend, filled from the address; Search runs it, Cancel stops it. */
export function SearchForm({ initial }: { initial: Draft }) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [baseError, setBaseError] = useState<string>();
  const status = useSearchStore((s) => s.status);
  const errors = useSearchStore((s) => s.fieldErrors);
  const services = useServices(draft.api, draft.base);
  const operations = useOperations(draft.api, draft.base, draft.service);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const running = status.kind === 'running';
  const text = (key: 'service' | 'operation' | 'tags' | 'minDuration' | 'maxDuration', label: string, props = {}) => (
    <Field id={`search-${key}`} label={label} error={errors[key]}>
      <input
        id={`search-${key}`}
        type="text"
        spellCheck={false}
        value={draft[key]}
        aria-invalid={errors[key] !== undefined}
        onChange={(e) => set(key, e.target.value)}
        {...props}
      />
    </Field>
  );

  const submit = () => {
    const b = checkBaseUrl(draft.base, location.href);
    if (!b.ok) return setBaseError(b.message);
    setBaseError(undefined);
    void runSearch({ ...draft, base: b.base, tenant: draft.api === 'tempo' || draft.api === null ? draft.tenant : '' });
  };

  return (
    <form
      className="search-form"
      aria-label="Search traces"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Field id="search-base" label="Backend address" error={baseError}>
        <input
          id="search-base"
          type="text"
          inputMode="url"
          value={draft.base}
          onChange={(e) => set('base', e.target.value)}
        />
      </Field>
      <Field id="search-api" label="Backend type">
        <select
          id="search-api"
          value={draft.api ?? 'auto'}
          onChange={(e) => set('api', isBackendKind(e.target.value) ? e.target.value : null)}
        >
          <option value="auto">Detect automatically</option>
          {BACKEND_KINDS.map((k) => (
            <option key={k} value={k}>
              {BACKEND_LABEL[k]}
            </option>
          ))}
        </select>
      </Field>
      {(draft.api === 'tempo' || draft.api === null) && (
        <Field id="search-tenant" label="Tempo tenant">
          <input id="search-tenant" type="text" value={draft.tenant} onChange={(e) => set('tenant', e.target.value)} />
        </Field>
      )}
      {draft.api === 'tempo' ? (
        <>
          <Field id="search-q" label="TraceQL" error={errors.q}>
            <textarea
              id="search-q"
              rows={2}
              spellCheck={false}
              placeholder='{ resource.service.name = "api" && duration > 500ms }'
              value={draft.q}
              onChange={(e) => set('q', e.target.value)}
            />
          </Field>
          <TraceQlBuilder base={draft.base} tenant={draft.tenant} onWrite={(q) => set('q', q)} />
        </>
      ) : (
        <>
          {text('service', 'Service', { list: 'search-services', placeholder: draft.api === 'zipkin' ? 'all' : '' })}
          {text('operation', draft.api === 'zipkin' ? 'Span name' : 'Operation', {
            list: 'search-operations',
            placeholder: 'all',
          })}
          <datalist id="search-services">
            {services.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <datalist id="search-operations">
            {operations.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {text('tags', draft.api === 'zipkin' ? 'Annotation query' : 'Tags', {
            placeholder: draft.api === 'zipkin' ? 'error and http.status_code=500' : 'http.status_code=500 error=true',
          })}
        </>
      )}
      {text('minDuration', 'Min duration', { placeholder: 'e.g. 100ms' })}
      {text('maxDuration', 'Max duration', { placeholder: 'e.g. 1.5s' })}
      <TimeRangeField value={draft.range} onChange={(r) => set('range', r)} error={errors.range} />
      <Field id="search-limit" label="Limit" error={errors.limit}>
        <input
          id="search-limit"
          type="number"
          min={1}
          max={MAX_LIMIT}
          value={draft.limit}
          onChange={(e) => set('limit', Number(e.target.value))}
        />
      </Field>
      <div className="source-form__actions">
        <button type="submit" disabled={running}>
          Find traces
        </button>
        {running && (
          <button type="button" onClick={cancelSearch}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
