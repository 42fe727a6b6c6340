// From the text of one file to loaded traces or one clear error: JSON or JSON Lines,
// format detection, parsing, and normalization into the model.
import type { LoadError, LoadedFile, TraceWarning } from '../model/trace.ts';
import { quoteBareNanos } from './bare-nanos.ts';
import { describeNonTrace, isKnownTraceShape, parseDocument } from './detect.ts';
import { locateJsonError } from './json-error.ts';
import type { JsonLine, SkippedLine } from './json-stream.ts';
import { buildTraces } from './normalize.ts';
import { isOtlpLine, parseOtlpJsonLines } from './otlp.ts';
import { FormatError, type ParsedBatch, type ParseWarning } from './parsed.ts';

export type LoadOutcome =
  | {
      readonly ok: true;
      readonly file: LoadedFile;
      /** Some times were bare JSON numbers JSON.parse rounded: read again with them quoted (bare-nanos.ts). */
      readonly inexactTimes?: boolean;
    }
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

/**
 * Lines of another format than OTLP are parsed one by one and merged; a line no reader takes
 * (or whose reader refuses it) joins `unknown` rather than failing the file.
 */
function mergeLines(lines: readonly JsonLine[], unknown: SkippedLine[]): ParsedBatch {
  const merged: ParsedBatch = { format: 'jaeger', spans: [], warnings: [], notes: [] };
  let format: ParsedBatch['format'] | undefined;
  let inexactTimes = false;
  for (const { line, doc } of lines) {
    let batch: ParsedBatch;
    try {
      batch = parseDocument(doc);
    } catch (e) {
      if (!(e instanceof FormatError)) throw e;
      unknown.push({ line, problem: e.message });
      continue;
    }
    format ??= batch.format;
    if (batch.inexactTimes) inexactTimes = true;
    const offset = merged.spans.length;
    for (const s of batch.spans) merged.spans.push(s);
    for (const w of prefixWarnings(batch, line))
      merged.warnings.push(w.spanIndex === undefined ? w : { ...w, spanIndex: w.spanIndex + offset });
    for (const n of batch.notes) merged.notes.push(n);
  }
  return { ...merged, format: format ?? 'jaeger', inexactTimes };
}

/** "lines 4, 9 and 12" (at most ten numbers, then how many more). */
function lineList(lines: readonly SkippedLine[]): string {
  const numbers = lines.slice(0, 10).map((l) => String(l.line));
  const more = lines.length - numbers.length;
  if (lines.length === 1) return `line ${numbers[0]}`;
  if (more > 0) return `lines ${numbers.join(', ')} and ${more} more`;
  return `lines ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * Reads JSON Lines: lines that are not JSON (`notJson`) and lines of JSON that is no trace of
 * a known format are skipped, each with a warning saying why, and counted in one note. Throws
 * FormatError, for the first line, when no line is a trace.
 */
function parseLinesSkipping(lines: readonly JsonLine[], notJson: readonly SkippedLine[]): ParsedBatch {
  const known: JsonLine[] = [];
  const unknown: SkippedLine[] = [];
  for (const line of lines) {
    if (isOtlpLine(line.doc) || isKnownTraceShape(line.doc)) known.push(line);
    else
      unknown.push({ line: line.line, problem: `it is ${describeNonTrace(line.doc)}, not a trace of a known format` });
  }
  if (known.length === 0) {
    // As for a single document: the first line's shape is what the file is taken to be.
    const first = lines[0];
    try {
      parseDocument(first.doc);
    } catch (e) {
      if (e instanceof FormatError) throw new FormatError(`line ${first.line}: ${e.message}`, e.path);
      throw e;
    }
  }
  const batch = known.every((l) => isOtlpLine(l.doc)) ? parseOtlpJsonLines(known) : mergeLines(known, unknown);
  if (batch.spans.length === 0 && unknown.length > 0 && unknown.length === lines.length)
    throw new FormatError(`line ${unknown[0].line}: ${unknown[0].problem}`);
  unknown.sort((a, b) => a.line - b.line);
  for (const b of notJson)
    batch.warnings.push({
      code: 'other',
      message: `Line ${b.line} is not valid JSON (${b.problem}); skipped`,
      path: `line ${b.line}`,
    });
  for (const b of unknown)
    batch.warnings.push({ code: 'other', message: `Line ${b.line} skipped: ${b.problem}`, path: `line ${b.line}` });
  const parts: string[] = [];
  if (notJson.length > 0) parts.push(`${lineList(notJson)} not valid JSON`);
  if (unknown.length > 0) parts.push(`${lineList(unknown)} not a trace of a known format`);
  const count = notJson.length + unknown.length;
  if (count > 0)
    batch.notes.push(
      `Skipped ${count} of ${lines.length + notJson.length} lines (${parts.join('; ')}); see the warnings for why`,
    );
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
  const batch = parseTextOnce(fileName, text);
  if (!('inexactTimes' in batch && batch.inexactTimes)) return batch;
  return parseTextOnce(fileName, quoteBareNanos(text));
}

function parseTextOnce(fileName: string, text: string): ParsedBatch | LoadOutcome {
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
  if (batch.spans.length === 0) {
    const notes = batch.notes.length > 0 ? `; ${batch.notes.join('; ')}` : '';
    return failure(fileName, `holds no spans (read as ${batch.format}${notes})`);
  }
  const { traces, warnings } = buildTraces(batch);
  const fileWarnings: TraceWarning[] = warnings;
  const file: LoadedFile = { fileName, format: batch.format, traces, warnings: fileWarnings, notes: batch.notes };
  return batch.inexactTimes ? { ok: true, file, inexactTimes: true } : { ok: true, file };
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
