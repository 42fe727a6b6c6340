// From the text of one file to loaded traces or one clear error: JSON or JSON Lines,
// format detection, parsing, and normalization into the model.
import type { LoadError, LoadedFile, TraceWarning } from '../model/trace.ts';
import { parseDocument } from './detect.ts';
import { locateJsonError } from './json-error.ts';
import type { JsonLine, SkippedLine } from './large-json.ts';
import { buildTraces } from './normalize.ts';
import { isOtlpLine, parseOtlpJsonLines } from './otlp.ts';
import { FormatError, type ParsedBatch, type ParseWarning } from './parsed.ts';

export type LoadOutcome =
  | { readonly ok: true; readonly file: LoadedFile }
  | { readonly ok: false; readonly error: LoadError };

function failure(fileName: string, message: string): LoadOutcome {
  return { ok: false, error: { fileName, message: `${fileName}: ${message}` } };
}

/** Splits JSON Lines; undefined when the text is not JSON Lines (first line is not a JSON object). */
function parseJsonLines(text: string): { lines: JsonLine[]; bad: SkippedLine[] } | undefined {
  const lines: JsonLine[] = [];
  const bad: SkippedLine[] = [];
  let lineNumber = 0;
  let from = 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    lineNumber++;
    const raw = text.slice(from, to).trim();
    from = to + 1;
    if (raw === '') continue;
    try {
      lines.push({ line: lineNumber, doc: JSON.parse(raw) });
    } catch {
      const where = locateJsonError(raw);
      bad.push({ line: lineNumber, problem: where ? `column ${where.column}: ${where.problem}` : 'not valid JSON' });
    }
    if (lines.length === 0) return undefined;
  }
  if (lines.length < 2 && bad.length === 0) return undefined;
  return { lines, bad };
}

function prefixWarnings(batch: ParsedBatch, line: number): ParseWarning[] {
  return batch.warnings.map((w) => ({ ...w, path: `line ${line}: ${w.path}` }));
}

/** Lines of another format than OTLP are parsed one by one and merged. */
function parseLines(lines: readonly JsonLine[]): ParsedBatch {
  if (lines.every((l) => isOtlpLine(l.doc))) return parseOtlpJsonLines(lines);
  const merged: ParsedBatch = { format: 'jaeger', spans: [], warnings: [], notes: [] };
  let format: ParsedBatch['format'] | undefined;
  for (const { line, doc } of lines) {
    let batch: ParsedBatch;
    try {
      batch = parseDocument(doc);
    } catch (e) {
      if (e instanceof FormatError) throw new FormatError(`line ${line}: ${e.message}`, e.path);
      throw e;
    }
    format ??= batch.format;
    const offset = merged.spans.length;
    for (const s of batch.spans) merged.spans.push(s);
    for (const w of prefixWarnings(batch, line))
      merged.warnings.push(w.spanIndex === undefined ? w : { ...w, spanIndex: w.spanIndex + offset });
    for (const n of batch.notes) merged.notes.push(n);
  }
  return { ...merged, format: format ?? 'jaeger' };
}

function parseLinesSkipping(lines: readonly JsonLine[], skipped: readonly SkippedLine[]): ParsedBatch {
  const batch = parseLines(lines);
  for (const b of skipped)
    batch.warnings.push({
      code: 'other',
      message: `Line ${b.line} is not valid JSON (${b.problem}); skipped`,
      path: `line ${b.line}`,
    });
  return batch;
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) return true;
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13)) odd++;
  }
  return odd > sample.length / 20;
}

function parseText(fileName: string, text: string): ParsedBatch | LoadOutcome {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const jsonLines = parseJsonLines(text);
    if (jsonLines && jsonLines.lines.length > jsonLines.bad.length)
      return parseLinesSkipping(jsonLines.lines, jsonLines.bad);
    const where = locateJsonError(text);
    return failure(
      fileName,
      where
        ? `not valid JSON at line ${where.line}, column ${where.column} (offset ${where.offset}): ${where.problem}`
        : 'not valid JSON',
    );
  }
  return parseDocument(doc);
}

/** Parses with `read` and builds the traces. Never throws: anything wrong becomes an error naming the file. */
function loadParsed(fileName: string, read: () => ParsedBatch | LoadOutcome): LoadOutcome {
  let batch: ParsedBatch;
  try {
    const parsed = read();
    if ('ok' in parsed) return parsed;
    batch = parsed;
  } catch (e) {
    if (e instanceof FormatError) return failure(fileName, `${e.message}${e.path !== '$' ? ` (at ${e.path})` : ''}`);
    return failure(fileName, `could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (batch.spans.length === 0) return failure(fileName, `holds no spans (read as ${batch.format})`);
  const { traces, warnings } = buildTraces(batch);
  const fileWarnings: TraceWarning[] = warnings;
  return {
    ok: true,
    file: { fileName, format: batch.format, traces, warnings: fileWarnings, notes: batch.notes },
  };
}

/** Reads one file's text. Never throws: anything wrong becomes an error naming the file. */
export function loadTraceText(fileName: string, text: string): LoadOutcome {
  if (text.trim() === '') return failure(fileName, 'the file is empty');
  if (looksBinary(text))
    return failure(fileName, 'this is a binary file, not JSON text (gzip is read; other compressions are not)');
  return loadParsed(fileName, () => parseText(fileName, text));
}

/** Reads a document already parsed from JSON (a file too large to be one string is parsed in pieces). */
export function loadTraceDocument(fileName: string, doc: unknown): LoadOutcome {
  return loadParsed(fileName, () => parseDocument(doc));
}

/** Reads JSON Lines already parsed line by line; skipped lines become warnings, as for text. */
export function loadTraceLines(
  fileName: string,
  lines: readonly JsonLine[],
  skipped: readonly SkippedLine[],
): LoadOutcome {
  return loadParsed(fileName, () => parseLinesSkipping(lines, skipped));
}
