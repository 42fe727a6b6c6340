import { useEffect, useState } from 'react';
import { BACKEND_KINDS, BACKEND_LABEL, checkBaseUrl, isBackendKind, type BackendKind } from '../../io/backend-api.ts';
import { loadBackendSettings, saveBackendSettings } from '../../io/backend-settings.ts';
import { emptyQuery } from '../../io/search/search-query.ts';
import { configuredBackends, type ConfiguredBackend } from '../../loading/configured-backends.ts';
import { openSource } from '../../loading/open-source.ts';
import { openSearch } from '../../loading/run-search.ts';
import { useSourceStore } from '../../loading/source-store.ts';
import { checkTraceId } from '../../io/trace-id.ts';

/** Fetches one trace by id from Jaeger, Zipkin or Tempo; the backend's address is remembered. */
export function BackendForm({ onDone }: { onDone: () => void }) {
  const source = useSourceStore((s) => s.source);
  const [initial] = useState(() => {
    const saved = loadBackendSettings();
    return source.kind === 'backend'
      ? { ...saved, base: source.base, api: source.api, tenant: source.tenant, traceId: source.traceId }
      : { ...saved, traceId: '' };
  });
  const [base, setBase] = useState(initial.base);
  const [api, setApi] = useState<BackendKind | null>(initial.api);
  const [traceId, setTraceId] = useState(initial.traceId);
  const [tenant, setTenant] = useState(initial.tenant);
  const [errors, setErrors] = useState<{ base?: string; traceId?: string }>({});
  const [configured, setConfigured] = useState<readonly ConfiguredBackend[]>([]);
  useEffect(() => {
    let live = true;
    void configuredBackends().then((list) => live && setConfigured(list));
    return () => {
      live = false;
    };
  }, []);

  const submit = () => {
    const b = checkBaseUrl(base, location.href);
    const id = checkTraceId(traceId);
    if (!b.ok || !id.ok) {
      setErrors({ base: b.ok ? undefined : b.message, traceId: id.ok ? undefined : id.message });
      return;
    }
    // Only Tempo reads a tenant; a hidden field must not end up in links.
    const t = api === 'jaeger' || api === 'zipkin' ? '' : tenant.trim();
    saveBackendSettings({ base: b.base, api, tenant: t });
    onDone();
    void openSource({ kind: 'backend', base: b.base, api, traceId: id.id, tenant: t });
  };

  /** The search page for the backend: no trace id needed. */
  const search = () => {
    const b = checkBaseUrl(base, location.href);
    if (!b.ok) {
      setErrors({ base: b.message });
      return;
    }
    const t = api === 'jaeger' || api === 'zipkin' ? '' : tenant.trim();
    saveBackendSettings({ base: b.base, api, tenant: t });
    onDone();
    openSearch({ ...emptyQuery(b.base, api ?? 'jaeger', t), api });
  };

  return (
    <form
      className="source-form"
      aria-label="Fetch a trace from a backend"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor="backend-base">Backend address</label>
      <input
        id="backend-base"
        type="text"
        inputMode="url"
        list="backend-recent"
        spellCheck={false}
        autoFocus={base === ''}
        placeholder="http://localhost:16686 or /proxy/jaeger"
        value={base}
        aria-invalid={errors.base !== undefined}
        aria-describedby={errors.base ? 'backend-base-error' : undefined}
        onChange={(e) => {
          setBase(e.target.value);
          setErrors((x) => ({ ...x, base: undefined }));
        }}
      />
      <datalist id="backend-recent">
        {configured.map((b) => (
          <option key={b.base} value={b.base} label={`${b.name} (configured on this server)`} />
        ))}
        {initial.recent
          .filter((r) => !configured.some((b) => b.base === r))
          .map((r) => (
            <option key={r} value={r} />
          ))}
      </datalist>
      {configured.length > 0 && (
        <p className="source-form__hint" data-testid="configured-backends">
          Configured here: {configured.map((b) => b.base).join(', ')}
        </p>
      )}
      {errors.base && (
        <p id="backend-base-error" className="source-form__error" role="alert">
          {errors.base}
        </p>
      )}
      <label htmlFor="backend-api">Backend type</label>
      <select
        id="backend-api"
        value={api ?? 'auto'}
        onChange={(e) => setApi(isBackendKind(e.target.value) ? e.target.value : null)}
      >
        <option value="auto">Detect automatically</option>
        {BACKEND_KINDS.map((k) => (
          <option key={k} value={k}>
            {BACKEND_LABEL[k]}
          </option>
        ))}
      </select>
      <label htmlFor="backend-trace-id">Trace ID</label>
      <input
        id="backend-trace-id"
        type="text"
        spellCheck={false}
        autoComplete="off"
        autoFocus={base !== ''}
        className="source-form__mono"
        placeholder="16 or 32 hex digits"
        value={traceId}
        aria-invalid={errors.traceId !== undefined}
        aria-describedby={errors.traceId ? 'backend-trace-id-error' : undefined}
        onChange={(e) => {
          setTraceId(e.target.value);
          setErrors((x) => ({ ...x, traceId: undefined }));
        }}
      />
      {errors.traceId && (
        <p id="backend-trace-id-error" className="source-form__error" role="alert">
          {errors.traceId}
        </p>
      )}
      {api !== 'jaeger' && api !== 'zipkin' && (
        <>
          <label htmlFor="backend-tenant">Tempo tenant (X-Scope-OrgID, optional)</label>
          <input
            id="backend-tenant"
            type="text"
            spellCheck={false}
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
          />
        </>
      )}
      <div className="source-form__actions">
        <button type="submit">Fetch trace</button>
        <button type="button" onClick={search}>
          Search traces
        </button>
      </div>
    </form>
  );
}
