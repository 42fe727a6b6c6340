// Messages between the page and the parsing worker.
import type { LoadError, LoadedFile } from '../model/trace.ts';
import type { PackedTrace } from './packed-trace.ts';

export interface ParseRequest {
  readonly id: number;
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
}

export type ParseStage = 'decompressing' | 'parsing' | 'done';

/** A loaded file whose traces travel packed (see packed-trace.ts). */
export interface PackedFile extends Omit<LoadedFile, 'traces'> {
  readonly traces: readonly PackedTrace[];
}

export type PackedOutcome = { readonly ok: true; readonly file: PackedFile } | { readonly ok: false; readonly error: LoadError };

export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly stage: ParseStage }
  | { readonly id: number; readonly type: 'result'; readonly outcome: PackedOutcome };
