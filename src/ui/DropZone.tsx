import { useRef, useState } from 'react';
import { fileInputs, loadInputs, textInput } from '../loading/load-files.ts';

/** The file picker and paste box. Dropping anywhere on the page is handled by usePageDrop. */
export function DropZone({ prominent }: { prominent: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [pasting, setPasting] = useState(false);
  const [pasted, setPasted] = useState('');

  return (
    <div className={prominent ? 'drop-zone drop-zone--empty' : 'drop-zone'} data-testid="drop-zone">
      {prominent && (
        <p className="drop-zone__hint">
          Drop trace files anywhere on the page: Jaeger, Zipkin (v1/v2) or OTLP JSON, JSON Lines, gzip.
        </p>
      )}
      <input
        ref={input}
        id="trace-file-input"
        className="visually-hidden"
        type="file"
        multiple
        accept=".json,.jsonl,.gz,.ndjson,application/json,application/gzip,text/plain"
        onChange={(e) => {
          const files = e.currentTarget.files;
          if (files && files.length > 0) void loadInputs(fileInputs(files));
          e.currentTarget.value = '';
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Open files…
      </button>
      <button type="button" aria-expanded={pasting} onClick={() => setPasting((p) => !p)}>
        Paste JSON
      </button>
      {pasting && (
        <form
          className="paste-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (pasted.trim() === '') return;
            void loadInputs([textInput('pasted.json', pasted)]);
            setPasting(false);
            setPasted('');
          }}
        >
          <label htmlFor="paste-box">Trace JSON</label>
          <textarea id="paste-box" rows={8} value={pasted} onChange={(e) => setPasted(e.target.value)} />
          <button type="submit">Open pasted trace</button>
        </form>
      )}
    </div>
  );
}
