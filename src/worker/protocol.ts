// Messages between the page and the parsing worker.
import type { LoadOutcome } from '../formats/load.ts';
import type { Span } from '../model/trace.ts';

export interface ParseRequest {
  readonly id: number;
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
}

export type ParseStage = 'decompressing' | 'parsing' | 'done';

/**
 * Spans sent ahead of the result, in order, for traces too big to clone in one message: the
 * page then decodes one slice at a time (staying responsive) while the worker encodes the
 * next, instead of both threads taking turns over one huge message. The result that follows
 * carries those traces with empty span lists.
 */
export interface SpanSlice {
  readonly id: number;
  readonly type: 'spans';
  readonly traceIndex: number;
  readonly spans: readonly Span[];
}

export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly stage: ParseStage }
  | SpanSlice
  | { readonly id: number; readonly type: 'result'; readonly outcome: LoadOutcome };
