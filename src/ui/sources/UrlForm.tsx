import { useState } from 'react';
import { openSource } from '../../loading/open-source.ts';
import { useSourceStore } from '../../loading/source-store.ts';

/** Opens a trace file by URL (JSON or gzip; the server must allow this page to read it). */
export function UrlForm({ onDone }: { onDone: () => void }) {
  const source = useSourceStore((s) => s.source);
  const [url, setUrl] = useState(source.kind === 'url' ? source.url : '');
  const [error, setError] = useState('');
  return (
    <form
      className="source-form"
      aria-label="Open a trace file by URL"
      onSubmit={(e) => {
        e.preventDefault();
        const text = url.trim();
        if (text === '') {
          setError('Enter the URL of a trace file.');
          return;
        }
        onDone();
        void openSource({ kind: 'url', url: text });
      }}
    >
      <label htmlFor="source-url">Trace file URL</label>
      <input
        id="source-url"
        type="text"
        inputMode="url"
        autoFocus
        spellCheck={false}
        placeholder="https://example.com/trace.json"
        value={url}
        aria-invalid={error !== ''}
        aria-describedby={error ? 'source-url-error' : 'source-url-hint'}
        onChange={(e) => {
          setUrl(e.target.value);
          setError('');
        }}
      />
      <p id="source-url-hint" className="source-form__hint">
        Jaeger, Zipkin or OTLP JSON, plain or gzip. The server must allow this page to read it (CORS).
      </p>
      {error && (
        <p id="source-url-error" className="source-form__error" role="alert">
          {error}
        </p>
      )}
      <div className="source-form__actions">
        <button type="submit">Open</button>
      </div>
    </form>
  );
}
