// Messages between the page and the parsing worker.
import type { LoadOutcome } from '../formats/load.ts';

export interface ParseRequest {
  readonly id: number;
  readonly fileName: string;
  readonly bytes: ArrayBuffer;
}

export type ParseStage = 'decompressing' | 'parsing' | 'done';

export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly stage: ParseStage }
  | { readonly id: number; readonly type: 'result'; readonly outcome: LoadOutcome };
