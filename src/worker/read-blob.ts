// A large local file read in slices, never whole: each slice (or each stretch of its gzip
// content) is fed to the streaming JSON reader and let go, so the worker holds the parsed
// document and a window of bytes, not the file's bytes besides. The page sends the File itself
// (a handle, cheap to clone) instead of its bytes.
import { JAEGER_SNIFF_BYTES, JaegerStreamReading, looksLikeJaegerStart } from '../formats/jaeger-stream.ts';
import { JsonStream, LargeJsonError, type LargeJson } from '../formats/json-stream.ts';
import type { LoadOutcome } from '../formats/load.ts';
import { DecodeError, isGzip, isUtf8Start, MAX_INFLATED_BYTES, MAX_TEXT_LENGTH } from '../io/decode.ts';
import { InflateLimitError } from '../io/inflate.ts';
import { joinBytes } from '../io/join-bytes.ts';
import { isFileInput, STREAMED_FILE_BYTES, type ParseStage } from './protocol.ts';
import { failure, loadParsedJson, readTraceFile } from './read-file.ts';

const SLICE_BYTES = 16 * 2 ** 20;

export interface SliceReading {
  /** Where text stops being parseable as one string; tests lower it. */
  readonly maxTextBytes?: number;
  /** Bytes read from the file, or gathered from its gzip content, before each feed. */
  readonly sliceBytes?: number;
  readonly maxInflatedBytes?: number;
}

/** The decompressed content is not UTF-8: it is read whole, as before slicing. */
class NotUtf8 extends Error {}

type Feed = (piece: Uint8Array) => void;

async function feedSlices(blob: Blob, feed: Feed, sliceBytes: number): Promise<void> {
  for (let at = 0; at < blob.size; at += sliceBytes)
    feed(new Uint8Array(await blob.slice(at, at + sliceBytes).arrayBuffer()));
}

function sliceSource(blob: Blob, sliceBytes: number): ReadableStream<BufferSource> {
  let at = 0;
  return new ReadableStream<BufferSource>({
    async pull(controller) {
      if (at >= blob.size) {
        controller.close();
        return;
      }
      const end = Math.min(blob.size, at + sliceBytes);
      controller.enqueue(new Uint8Array(await blob.slice(at, end).arrayBuffer()));
      at = end;
    },
  });
}

/**
 * Decompresses as it reads, up to `maxInflatedBytes`. The stream's own chunks are small (tens
 * of KiB), and each feed may copy the reader's window, so they are gathered into slices first.
 */
async function feedInflated(blob: Blob, feed: Feed, sliceBytes: number, maxInflatedBytes: number): Promise<void> {
  const reader = sliceSource(blob, sliceBytes).pipeThrough(new DecompressionStream('gzip')).getReader();
  let total = 0;
  let gathered: Uint8Array[] = [];
  let gatheredBytes = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new DecodeError(`the gzip data is corrupt or truncated (${e instanceof Error ? e.message : String(e)})`);
      }
      if (chunk.done) break;
      const { value } = chunk;
      if (total === 0 && !isUtf8Start(value.subarray(0, 4))) throw new NotUtf8();
      total += value.length;
      if (total > maxInflatedBytes)
        throw new DecodeError(`the gzip data was not read: ${new InflateLimitError(maxInflatedBytes).message}`);
      gathered.push(value);
      gatheredBytes += value.length;
      if (gatheredBytes >= sliceBytes) {
        feed(joinBytes(gathered, gatheredBytes));
        gathered = [];
        gatheredBytes = 0;
      }
    }
    if (gatheredBytes > 0) feed(joinBytes(gathered, gatheredBytes));
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

interface SlicedParse {
  readonly parsed: LargeJson;
  /** Set when the spans of a Jaeger file were read as it streamed in (jaeger-stream.ts). */
  readonly jaeger: JaegerStreamReading | undefined;
}

/** `streamJaeger`: read a Jaeger file's spans as it streams in, when its first bytes say it is one. */
async function parseInSlices(
  blob: Blob,
  gzip: boolean,
  quoteNanos: boolean,
  streamJaeger: boolean,
  reading: Required<SliceReading>,
): Promise<SlicedParse> {
  let jaeger: JaegerStreamReading | undefined;
  const start = (head: Uint8Array): JsonStream => {
    jaeger = streamJaeger && looksLikeJaegerStart(head) ? new JaegerStreamReading() : undefined;
    return new JsonStream({ maxPieceBytes: reading.maxTextBytes, quoteNanos, onElements: jaeger?.onElements });
  };
  let stream: JsonStream | undefined;
  if (gzip) {
    // The format shows in the first decompressed piece.
    await feedInflated(
      blob,
      (piece) => {
        stream ??= start(piece);
        stream.feed(piece);
      },
      reading.sliceBytes,
      reading.maxInflatedBytes,
    );
  } else {
    const head = new Uint8Array(await blob.slice(0, JAEGER_SNIFF_BYTES).arrayBuffer());
    const plain = start(head);
    stream = plain;
    await feedSlices(blob, (piece) => plain.feed(piece), reading.sliceBytes);
  }
  stream ??= start(new Uint8Array(0));
  return { parsed: stream.end(), jaeger };
}

/**
 * Reads a local file in slices, with the outcome reading its whole bytes would give; read again
 * keeping bare-number nanoseconds exact when the first reading found some. UTF-16 files are
 * read whole (the streaming reader reads UTF-8).
 */
export async function readTraceBlob(
  fileName: string,
  blob: Blob,
  onStage: (stage: ParseStage) => void = () => {},
  options: SliceReading = {},
): Promise<LoadOutcome> {
  const reading: Required<SliceReading> = {
    maxTextBytes: options.maxTextBytes ?? MAX_TEXT_LENGTH,
    sliceBytes: options.sliceBytes ?? SLICE_BYTES,
    maxInflatedBytes: options.maxInflatedBytes ?? MAX_INFLATED_BYTES,
  };
  const readWhole = async () =>
    readTraceFile(fileName, new Uint8Array(await blob.arrayBuffer()), onStage, reading.maxTextBytes);
  const head = new Uint8Array(await blob.slice(0, 4).arrayBuffer());
  const gzip = isGzip(head);
  if (!gzip && !isUtf8Start(head)) return readWhole();
  onStage(gzip ? 'decompressing' : 'parsing');
  const readOnce = async (quoteNanos: boolean, streamJaeger = true): Promise<LoadOutcome> => {
    let sliced: SlicedParse;
    try {
      sliced = await parseInSlices(blob, gzip, quoteNanos, streamJaeger, reading);
    } catch (e) {
      if (e instanceof NotUtf8) return readWhole();
      if (e instanceof LargeJsonError || e instanceof DecodeError) return failure(fileName, e.message);
      return failure(fileName, `could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    onStage('parsing');
    const outcome = loadParsedJson(fileName, sliced.parsed);
    // Spans read as Jaeger's in a file that did not read as Jaeger: read it again as it is.
    const misjudged = (sliced.jaeger?.count ?? 0) > 0 && (!outcome.ok || outcome.file.format !== 'jaeger');
    return misjudged ? readOnce(quoteNanos, false) : outcome;
  };
  const outcome = await readOnce(false);
  return outcome.ok && outcome.inexactTimes ? readOnce(true) : outcome;
}

/**
 * Reads what the page sent: bytes whole; a local file whole below STREAMED_FILE_BYTES (read
 * here, so that the page's thread never copies it), in slices from there on.
 */
export async function readTraceInput(
  fileName: string,
  input: ArrayBuffer | Blob,
  onStage: (stage: ParseStage) => void = () => {},
): Promise<LoadOutcome> {
  if (!isFileInput(input)) return readTraceFile(fileName, new Uint8Array(input), onStage);
  if (input.size >= STREAMED_FILE_BYTES) return readTraceBlob(fileName, input, onStage);
  return readTraceFile(fileName, new Uint8Array(await input.arrayBuffer()), onStage);
}
