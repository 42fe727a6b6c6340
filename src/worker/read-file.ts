// The whole reading of one file, bytes to outcome. Runs in the worker, or in-thread where
// workers do not exist (unit tests).
import { LargeJsonError, type LargeJson } from '../formats/json-stream.ts';
import { parseLargeJson } from '../formats/large-json.ts';
import { loadTraceDocument, loadTraceLines, loadTraceText, type LoadOutcome } from '../formats/load.ts';
import { DecodeError, decodeTrace, isGzip, MAX_TEXT_LENGTH, type DecodedTrace } from '../io/decode.ts';
import type { TraceWarning } from '../model/trace.ts';
import type { ParseStage } from './protocol.ts';

export function failure(fileName: string, reason: string): LoadOutcome {
  return { ok: false, error: { fileName, message: `${fileName}: ${reason}` } };
}

/**
 * A file too long for one string: parsed from its bytes in pieces, then read like any other;
 * read again keeping bare-number nanoseconds exact when the first reading found some.
 */
function loadLargeBytes(fileName: string, bytes: Uint8Array, maxTextBytes: number): LoadOutcome {
  const outcome = loadLargeBytesOnce(fileName, bytes, maxTextBytes, false);
  return outcome.ok && outcome.inexactTimes ? loadLargeBytesOnce(fileName, bytes, maxTextBytes, true) : outcome;
}

function loadLargeBytesOnce(
  fileName: string,
  bytes: Uint8Array,
  maxTextBytes: number,
  quoteNanos: boolean,
): LoadOutcome {
  let parsed: LargeJson;
  try {
    parsed = parseLargeJson(bytes, maxTextBytes, quoteNanos);
  } catch (e) {
    if (e instanceof LargeJsonError) return failure(fileName, e.message);
    return failure(fileName, `could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  return loadParsedJson(fileName, parsed);
}

/** A file parsed by the streaming reader (whole or in slices), read like any other. */
export function loadParsedJson(fileName: string, parsed: LargeJson): LoadOutcome {
  if (parsed.kind === 'document') return loadTraceDocument(fileName, parsed.doc);
  // As for text: a file that is mostly broken lines is reported as broken, not as a few spans.
  const firstSkipped = parsed.skipped[0];
  if (firstSkipped !== undefined && parsed.lines.length <= parsed.skipped.length)
    return failure(fileName, `not valid JSON at line ${firstSkipped.line}, ${firstSkipped.problem}`);
  return loadTraceLines(fileName, parsed.lines, parsed.skipped);
}

/** `maxTextBytes` is where text stops being decoded whole; tests lower it to exercise the large-file path. */
export async function readTraceFile(
  fileName: string,
  bytes: Uint8Array,
  onStage: (stage: ParseStage) => void = () => {},
  maxTextBytes: number = MAX_TEXT_LENGTH,
): Promise<LoadOutcome> {
  let decoded: DecodedTrace;
  try {
    if (isGzip(bytes)) onStage('decompressing');
    decoded = await decodeTrace(bytes, maxTextBytes);
  } catch (e) {
    return failure(
      fileName,
      e instanceof DecodeError ? e.message : `could not be read (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  onStage('parsing');
  if (decoded.kind === 'text') {
    const outcome = loadTraceText(fileName, decoded.text);
    if (!outcome.ok || decoded.invalidUtf8Line === undefined) return outcome;
    const warning: TraceWarning = {
      code: 'invalid-value',
      message: `the file is not valid UTF-8: bytes that are not were shown as U+FFFD (\uFFFD), the first on line ${decoded.invalidUtf8Line}`,
    };
    return { ok: true, file: { ...outcome.file, warnings: [warning, ...outcome.file.warnings] } };
  }
  return loadLargeBytes(fileName, decoded.bytes, maxTextBytes);
}
