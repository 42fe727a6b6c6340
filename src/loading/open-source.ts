// Loads what a source names: a URL, a backend trace, a trace carried in a link, the demo.
import { backendInput } from './backend-input.ts';
import { checkBaseUrl } from '../io/backend-api.ts';
import { loadInputs, ownBuffer, SourceError, urlInput, type LoadOptions, type NamedBytes } from './load-files.ts';
import { decodeShared, SharedTraceError } from '../io/share-codec.ts';
import { checkTraceId } from '../io/trace-id.ts';
import type { TraceSource } from './trace-source.ts';

/** The name a trace opened from a link is shown under. */
export const SHARED_TRACE_NAME = 'shared-trace.json';

function failing(name: string, message: string): NamedBytes {
  return {
    name,
    bytes: async () => {
      throw new SourceError(message);
    },
  };
}

function embeddedInput(fragment: string): NamedBytes {
  return {
    name: SHARED_TRACE_NAME,
    bytes: async () => {
      try {
        return ownBuffer(await decodeShared(fragment));
      } catch (e) {
        if (e instanceof SharedTraceError) throw new SourceError(e.message);
        throw e;
      }
    },
  };
}

function pageHref(): string {
  return typeof location === 'undefined' ? 'http://localhost/' : location.href;
}

/** Loads the source; resolves true when its trace is shown. Local files cannot be fetched again. */
export async function openSource(source: TraceSource, options: Pick<LoadOptions, 'afterShow'> = {}): Promise<boolean> {
  switch (source.kind) {
    case 'none':
      return false;
    case 'demo':
      return loadInputs([urlInput(`${import.meta.env.BASE_URL}demo-trace.json`)], { ...options, source });
    case 'url':
      return loadInputs([urlInput(source.url)], { ...options, source });
    case 'embedded':
      return loadInputs([embeddedInput(source.fragment)], { ...options, source });
    case 'local':
      return false;
    case 'backend': {
      const base = checkBaseUrl(source.base, pageHref());
      const id = checkTraceId(source.traceId);
      const name = `trace ${source.traceId || '(no id)'}`;
      if (!base.ok) return loadInputs([failing(name, base.message)], options);
      if (!id.ok) return loadInputs([failing(name, id.message)], options);
      const { input, source: resolved } = backendInput({
        base: base.base,
        api: source.api,
        traceId: id.id,
        tenant: source.tenant,
      });
      return loadInputs([input], { ...options, source: resolved });
    }
  }
}
