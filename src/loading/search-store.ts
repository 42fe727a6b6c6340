// The search page: whether it is on screen, the query it shows, and the answer it holds. The
// answer stays after a trace is opened from it, so that Back shows it without asking again.
import { create } from 'zustand';
import type { BackendKind } from '../io/backend-api.ts';
import type { SearchHit } from '../io/search/search-hit.ts';
import type { SearchQuery } from '../io/search/search-query.ts';
import type { LoadedFile } from '../model/trace.ts';

export type SearchStatus =
  | { readonly kind: 'idle' }
  /** receivedBytes grows as the answer streams in. */
  | { readonly kind: 'running'; readonly receivedBytes: number; readonly stage: 'asking' | 'reading' | 'parsing' }
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'cancelled' };

export type FieldErrors = Readonly<Partial<Record<keyof SearchQuery, string>>>;

export interface SearchAnswer {
  /** The query as its address parameters read: equal keys, same answer (a relative range stays relative). */
  readonly key: string;
  readonly query: SearchQuery;
  readonly hits: readonly SearchHit[];
  /** Whole traces of the answer (Jaeger, Zipkin), opened without asking again; null for Tempo's summaries. */
  readonly file: LoadedFile | null;
  /** Which API answered and anything skipped. */
  readonly notes: readonly string[];
  readonly receivedAtMs: number;
}

export interface SearchState {
  /** The search page is on screen instead of a trace. */
  readonly open: boolean;
  /** The query the form shows; its api is null while the backend type is being detected. */
  readonly query: (Omit<SearchQuery, 'api'> & { readonly api: BackendKind | null }) | null;
  readonly status: SearchStatus;
  readonly fieldErrors: FieldErrors;
  readonly answer: SearchAnswer | null;
  show(query: SearchState['query']): void;
  hide(): void;
  setStatus(status: SearchStatus, fieldErrors?: FieldErrors): void;
  setAnswer(answer: SearchAnswer): void;
}

export const useSearchStore = create<SearchState>()((set) => ({
  open: false,
  query: null,
  status: { kind: 'idle' },
  fieldErrors: {},
  answer: null,
  show: (query) => set({ open: true, query }),
  hide: () => set({ open: false }),
  setStatus: (status, fieldErrors = {}) => set({ status, fieldErrors }),
  setAnswer: (answer) => set({ answer, status: { kind: 'done' }, fieldErrors: {} }),
}));
