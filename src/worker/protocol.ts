// Messages between the page and the parsing worker.
import type { SearchText } from '../analysis/search.ts';
import type { LoadError, LoadedFile } from '../model/trace.ts';
import type { PackedTrace } from './packed-trace.ts';
import type { SearchSource } from './search-jobs.ts';

/**
 * Local files go to the worker as the File itself; from this size on it reads them in slices
 * (read-blob.ts). Below it, reading the text whole and one JSON.parse is faster (the
 * streaming reader scans every byte in JavaScript first); from it on, the file's bytes held
 * next to the parsed document cost more memory than that time is worth.
 */
export const STREAMED_FILE_BYTES = 128 * 2 ** 20;

/**
 * Whether the page sent a file rather than bytes. Asked of what it can do, not of its class: a
 * Blob or ArrayBuffer made in another realm (a test's, a frame's) is not instanceof this one's.
 */
export function isFileInput(input: ArrayBuffer | Blob): input is Blob {
  return typeof (input as Blob).arrayBuffer === 'function';
}

export interface ParseRequest {
  readonly type: 'parse';
  readonly id: number;
  readonly fileName: string;
  /** The file's bytes (transferred), or a local file itself, which the worker reads (in slices when large). */
  readonly bytes: ArrayBuffer | Blob;
}

/**
 * Sent by the page once it is idle after showing request `id`'s traces: the worker then builds
 * their search text. Asked for, not sent unasked, so that building it does not compete with
 * the page's first paint for the machine's cores.
 */
export interface SearchTextRequest {
  readonly type: 'search';
  readonly id: number;
}

/**
 * Sent by the page once it is idle after opening: the worker reads small made-up traces so that
 * the user's first file runs on warm code (warm-up.ts).
 */
export interface WarmUpRequest {
  readonly type: 'warm';
}

/**
 * Instead of a SearchTextRequest, for a large file: the worker that read it sends what the search
 * text is built from through `port` (a SearchHandOff) and answers 'handed-off', so that the page
 * can end it and the garbage of the reading (gigabytes at a million spans) with it.
 */
export interface HandOffSearchRequest {
  readonly type: 'hand-off-search';
  readonly id: number;
  readonly port: MessagePort;
}

/** To a fresh worker: build the search text of what comes through `port` (from a HandOffSearchRequest). */
export interface SearchFromPortRequest {
  readonly type: 'search-from-port';
  readonly port: MessagePort;
}

/** What goes through the port between the two workers. */
export interface SearchHandOff {
  readonly id: number;
  readonly sources: readonly SearchSource[];
}

export type WorkerRequest =
  | ParseRequest
  | SearchTextRequest
  | WarmUpRequest
  | HandOffSearchRequest
  | SearchFromPortRequest;

export type ParseStage = 'decompressing' | 'parsing' | 'done';

/** A loaded file whose traces travel packed (see packed-trace.ts). */
export interface PackedFile extends Omit<LoadedFile, 'traces'> {
  readonly traces: readonly PackedTrace[];
}

export type PackedOutcome =
  | { readonly ok: true; readonly file: PackedFile }
  | { readonly ok: false; readonly error: LoadError };

export type ParseResponse =
  | { readonly id: number; readonly type: 'progress'; readonly stage: ParseStage }
  | { readonly id: number; readonly type: 'result'; readonly outcome: PackedOutcome }
  /** After the result, when the worker is idle: trace `traceIndex`'s search text. */
  | { readonly id: number; readonly type: 'search'; readonly traceIndex: number; readonly text: SearchText }
  /** After a HandOffSearchRequest: the worker holds nothing of request `id` any more. */
  | { readonly id: number; readonly type: 'handed-off' };
