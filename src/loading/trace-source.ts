// Where the trace on screen came from, as far as a link can point to it again.
import type { BackendKind } from '../io/backend-api.ts';

export type TraceSource =
  /** Nothing loaded yet. */
  | { readonly kind: 'none' }
  /** The bundled demo, which a bare address opens. */
  | { readonly kind: 'demo' }
  | { readonly kind: 'url'; readonly url: string }
  /** api is null while it is to be detected. */
  | {
      readonly kind: 'backend';
      readonly base: string;
      readonly api: BackendKind | null;
      readonly traceId: string;
      readonly tenant: string;
    }
  /** A trace carried in the address itself (#trace=…). */
  | { readonly kind: 'embedded'; readonly fragment: string }
  /** Files from this computer (picked, dropped, pasted): no address can fetch them again. */
  | { readonly kind: 'local'; readonly id: number };

/** Equal keys mean the same bytes would be loaded, so nothing needs fetching again. */
export function sourceKey(source: TraceSource): string {
  switch (source.kind) {
    case 'none':
    case 'demo':
      return source.kind;
    case 'url':
      return `url:${source.url}`;
    case 'backend':
      return `backend:${source.api ?? 'auto'}|${source.base}|${source.traceId}|${source.tenant}`;
    case 'embedded':
      return `embedded:${source.fragment}`;
    case 'local':
      return `local:${source.id}`;
  }
}

let nextLocalId = 1;

export function localSource(): TraceSource {
  return { kind: 'local', id: nextLocalId++ };
}
