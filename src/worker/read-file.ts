// The whole reading of one file, bytes to outcome. Runs in the worker, or in-thread where
// workers do not exist (unit tests).
import { loadTraceText, type LoadOutcome } from '../formats/load.ts';
import { DecodeError, decodeTraceBytes, isGzip } from '../sources/decode.ts';
import type { ParseStage } from './protocol.ts';

export async function readTraceFile(
  fileName: string,
  bytes: Uint8Array,
  onStage: (stage: ParseStage) => void = () => {},
): Promise<LoadOutcome> {
  let text: string;
  try {
    if (isGzip(bytes)) onStage('decompressing');
    text = await decodeTraceBytes(bytes);
  } catch (e) {
    const reason = e instanceof DecodeError ? e.message : `could not be read (${e instanceof Error ? e.message : String(e)})`;
    return { ok: false, error: { fileName, message: `${fileName}: ${reason}` } };
  }
  onStage('parsing');
  return loadTraceText(fileName, text);
}
