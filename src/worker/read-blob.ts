// A large local file read in slices, never whole: each slice (or each stretch of its gzip
// content) is fed to the streaming JSON reader and let go, so the worker holds the parsed
// document and a window of bytes, not the file's bytes besides. The page sends the File itself
// (a handle, cheap to clone) instead of its bytes.
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

async function feedSlices(blob: Blob, stream: JsonStream, sliceBytes: number): Promise<void> {
  for (let at = 0; at < blob.size; at += sliceBytes)
    stream.feed(new Uint8Array(await blob.slice(at, at + sliceBytes).arrayBuffer()));
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
async function feedInflated(
  blob: Blob,
  stream: JsonStream,
  sliceBytes: number,
  maxInflatedBytes: number,
): Promise<void> {
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
        stream.feed(joinBytes(gathered, gatheredBytes));
        gathered = [];
        gatheredBytes = 0;
      }
    }
    if (gatheredBytes > 0) stream.feed(joinBytes(gathered, gatheredBytes));
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

async function parseInSlices(
  blob: Blob,
  gzip: boolean,
  quoteNanos: boolean,
  reading: Required<SliceReading>,
): Promise<LargeJson> {
  const stream = new JsonStream({ maxPieceBytes: reading.maxTextBytes, quoteNanos });
  if (gzip) await feedInflated(blob, stream, reading.sliceBytes, reading.maxInflatedBytes);
  else await feedSlices(blob, stream, reading.sliceBytes);
  return stream.end();
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
  const readOnce = async (quoteNanos: boolean): Promise<LoadOutcome> => {
    let parsed: LargeJson;
    try {
      parsed = await parseInSlices(blob, gzip, quoteNanos, reading);
    } catch (e) {
      if (e instanceof NotUtf8) return readWhole();
      if (e instanceof LargeJsonError || e instanceof DecodeError) return failure(fileName, e.message);
      return failure(fileName, `could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    onStage('parsing');
    return loadParsedJson(fileName, parsed);
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
