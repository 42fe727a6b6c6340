// Parses JSON held as UTF-8 bytes that may be too long for one string (V8 stops at about
// 512 MiB). A value over the piece limit that is an array or object is split into its members
// (runs of small array elements are parsed together), and the same document is rebuilt from
// them; only the string of the piece being parsed is alive at any moment. The scanner is a
// flat loop with an explicit stack, so nesting depth never grows the call stack.
import { isNanosKey, quoteBareNanos } from './bare-nanos.ts';
import { locateJsonError } from './json-error.ts';

/** Where a document could not be read: byte offset in the file and the JSON path of the value. */
export class LargeJsonError extends Error {
  override name = 'LargeJsonError';
  constructor(
    message: string,
    readonly offset: number,
    readonly path: string,
    /** What is wrong, without the position. */
    readonly problem: string,
  ) {
    super(message);
  }
}

export interface JsonLine {
  readonly line: number;
  readonly doc: unknown;
}

export interface SkippedLine {
  readonly line: number;
  readonly problem: string;
}

export type LargeJson =
  | { readonly kind: 'document'; readonly doc: unknown }
  | { readonly kind: 'lines'; readonly lines: JsonLine[]; readonly skipped: SkippedLine[] };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export function formatSize(bytes: number): string {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(0)} KiB`;
  return `${bytes} bytes`;
}

function describeByte(bytes: Uint8Array, at: number): string {
  if (at >= bytes.length) return 'the end of the file';
  const c = bytes[at];
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** Consecutive small elements of a split array, decoded and parsed together as one array text. */
interface Run {
  readonly start: number;
  end: number;
  /** Index in the array of the first element. */
  readonly first: number;
  /** Byte offset of each element, to name the one a syntax error is in. */
  readonly starts: number[];
}

/** One container being filled from its members, from `pos` (just after the previous member). */
interface Frame {
  readonly target: unknown[] | Record<string, unknown>;
  readonly isArray: boolean;
  readonly path: string;
  pos: number;
  count: number;
  run: Run | undefined;
}

interface Member {
  readonly key: string | number;
  readonly start: number;
  readonly end: number;
}

/**
 * Upper size of a run of small array elements parsed in one go: big enough that per-call costs
 * vanish for arrays of a million small spans, small enough that its string is soon garbage.
 */
const RUN_BYTES = 4 * 2 ** 20;

function memberPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function assign(target: unknown[] | Record<string, unknown>, key: string | number, value: unknown): void {
  if (Array.isArray(target)) target.push(value);
  // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype.
  else if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

const decoder = new TextDecoder('utf-8');

class Splitter {
  /** Start offset to end offset of the containers larger than a run, filled by measure. */
  private readonly bigEnds = new Map<number, number>();
  private readonly runBytes: number;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxPieceBytes: number,
    /** Keep long bare integers under time keys as digits (see bare-nanos.ts). */
    private readonly quoteNanos: boolean,
  ) {
    this.runBytes = Math.min(maxPieceBytes, RUN_BYTES);
  }

  fail(at: number, path: string, problem: string): never {
    const { bytes } = this;
    let line = 1;
    for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === NEWLINE) line++;
    throw new LargeJsonError(
      `not valid JSON at line ${line}, byte offset ${at} (in ${path}): ${problem}`,
      at,
      path,
      problem,
    );
  }

  expected(at: number, path: string, what: string): never {
    return this.fail(at, path, `expected ${what} but found ${describeByte(this.bytes, at)}`);
  }

  skipWhitespace(from: number, end: number = this.bytes.length): number {
    const { bytes } = this;
    let i = from;
    while (i < end && isWhitespace(bytes[i])) i++;
    return i;
  }

  /** End (exclusive) of the string whose opening quote is at `from`. */
  stringEnd(from: number, path: string): number {
    const { bytes } = this;
    const n = bytes.length;
    let i = from + 1;
    while (i < n) {
      const c = bytes[i];
      if (c === QUOTE) return i + 1;
      i += c === BACKSLASH ? 2 : 1;
    }
    return this.fail(from, path, 'this string is never closed');
  }

  /**
   * Scans the value at `from` once and returns its end (exclusive), recording the end of every
   * array or object in it larger than a run, so that splitting finds where big members end
   * without scanning them again. Only bracket depth is tracked; the parse of each piece (or
   * the split of a container) checks everything else and says where a problem is.
   */
  measure(from: number, path: string): number {
    const { bytes, bigEnds, runBytes } = this;
    const first = bytes[from];
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return this.valueEnd(from, path);
    const n = bytes.length;
    const opened: number[] = [];
    let i = from;
    while (i < n) {
      const c = bytes[i];
      if (c === QUOTE) {
        const quote = i;
        i++;
        for (;;) {
          if (i >= n) return this.fail(quote, path, 'this string is never closed');
          const s = bytes[i];
          if (s === QUOTE) break;
          i += s === BACKSLASH ? 2 : 1;
        }
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) opened.push(i);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        const open = opened.pop();
        if (open === undefined) return i; // unreachable: the depth reaches zero first
        if (i + 1 - open > runBytes) bigEnds.set(open, i + 1);
        if (opened.length === 0) return i + 1;
      }
      i++;
    }
    const innermost = opened[opened.length - 1];
    const kind = bytes[innermost] === OPEN_BRACE ? 'object' : 'array';
    return this.fail(n, path, `the file ends inside the ${kind} opened at byte offset ${innermost}`);
  }

  /** End (exclusive) of a member that fits in one piece (or of a big container measured before). */
  valueEnd(from: number, path: string): number {
    const { bytes } = this;
    const n = bytes.length;
    const first = bytes[from];
    if (first === QUOTE) return this.stringEnd(from, path);
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      const known = this.bigEnds.get(from);
      if (known !== undefined) return known;
      let depth = 0;
      let i = from;
      while (i < n) {
        const c = bytes[i];
        if (c === QUOTE) {
          i++;
          for (;;) {
            if (i >= n) return this.fail(from, path, 'a string inside this value is never closed');
            const s = bytes[i];
            if (s === QUOTE) break;
            i += s === BACKSLASH ? 2 : 1;
          }
        } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--depth === 0) return i + 1;
        }
        i++;
      }
      return this.fail(
        n,
        path,
        `the ${first === OPEN_BRACE ? 'object' : 'array'} opened at byte offset ${from} is never closed`,
      );
    }
    const isScalarStart =
      first === 0x2d || (first >= 0x30 && first <= 0x39) || first === 0x74 || first === 0x66 || first === 0x6e;
    if (!isScalarStart) return this.expected(from, path, 'a value');
    let i = from + 1;
    while (i < n) {
      const c = bytes[i];
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) break;
      i++;
    }
    return i;
  }

  /**
   * Decodes bytes [start, end) and parses them between `before` and `after` (the brackets of a
   * run of elements). A syntax error gives its byte offset and the path `pathAt` names for it.
   */
  private parseBytes(
    start: number,
    end: number,
    before: string,
    after: string,
    pathAt: (offset: number) => string,
  ): unknown {
    const text = decoder.decode(this.bytes.subarray(start, end));
    const wrapped = before === '' && after === '' ? text : before + text + after;
    try {
      return JSON.parse(this.quoteNanos ? quoteBareNanos(wrapped) : wrapped);
    } catch {
      // Located in the text as written: quoting moved the offsets but not the error.
      const where = locateJsonError(wrapped);
      if (where === undefined) return this.fail(start, pathAt(start), 'this value is not valid JSON');
      const inText = Math.max(0, Math.min(text.length, where.offset - before.length));
      const at = start + new TextEncoder().encode(text.slice(0, inText)).length;
      return this.fail(at, pathAt(at), where.problem);
    }
  }

  /** Decodes and parses bytes [start, end) as one value. */
  parsePiece(start: number, end: number, path: string): unknown {
    return this.parseBytes(start, end, '', '', () => path);
  }

  /**
   * An object member parsed on its own; a bare integer under a time key is kept as its digits,
   * as quoteBareNanos does where the key is in the same piece as the value.
   */
  private parseMember(member: Member, path: string): unknown {
    if (this.quoteNanos && typeof member.key === 'string' && isNanosKey(member.key)) {
      const digits = decoder.decode(this.bytes.subarray(member.start, member.end));
      if (/^\d{16,}$/.test(digits)) return digits;
    }
    return this.parsePiece(member.start, member.end, path);
  }

  private flushRun(frame: Frame): void {
    const { run } = frame;
    if (run === undefined) return;
    frame.run = undefined;
    const elementAt = (offset: number): string => {
      let k = run.starts.length - 1;
      while (k > 0 && run.starts[k] > offset) k--;
      return `${frame.path}[${run.first + k}]`;
    };
    const values = this.parseBytes(run.start, run.end, '[', ']', elementAt);
    // The scanner cut the run at element boundaries, so a mismatch means a malformed element.
    if (!Array.isArray(values) || values.length !== run.starts.length) {
      this.fail(run.start, elementAt(run.start), 'this value is not valid JSON');
    }
    const target = frame.target as unknown[];
    for (const value of values) target.push(value);
  }

  private addToRun(frame: Frame, member: Member): void {
    const { run } = frame;
    if (run !== undefined && member.end - run.start <= this.runBytes) {
      run.end = member.end;
      run.starts.push(member.start);
      return;
    }
    this.flushRun(frame);
    frame.run = { start: member.start, end: member.end, first: member.key as number, starts: [member.start] };
  }

  /** The next member of a container after `frame.pos`, or undefined at its closing bracket. */
  nextMember(frame: Frame): Member | undefined {
    const { bytes } = this;
    let p = this.skipWhitespace(frame.pos);
    if (bytes[p] === (frame.isArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
      frame.pos = p + 1;
      return undefined;
    }
    if (frame.count > 0) {
      if (bytes[p] !== COMMA) return this.expected(p, frame.path, frame.isArray ? "',' or ']'" : "',' or '}'");
      p = this.skipWhitespace(p + 1);
    }
    let key: string | number = frame.count;
    if (!frame.isArray) {
      if (bytes[p] !== QUOTE) return this.expected(p, frame.path, 'a double-quoted property name');
      const keyEnd = this.stringEnd(p, frame.path);
      const parsedKey = this.parsePiece(p, keyEnd, frame.path);
      if (typeof parsedKey !== 'string') return this.expected(p, frame.path, 'a property name');
      key = parsedKey;
      p = this.skipWhitespace(keyEnd);
      if (bytes[p] !== COLON) return this.expected(p, memberPath(frame.path, key), "':'");
      p = this.skipWhitespace(p + 1);
    }
    const end = this.valueEnd(p, frame.path);
    frame.pos = end;
    frame.count++;
    return { key, start: p, end };
  }

  private open(at: number, path: string): Frame {
    const isArray = this.bytes[at] === OPEN_BRACKET;
    return { target: isArray ? [] : {}, isArray, path, pos: at + 1, count: 0, run: undefined };
  }

  private tooLarge(start: number, end: number, path: string): never {
    const limit = formatSize(this.maxPieceBytes);
    const problem = `it is ${formatSize(end - start)} of text, more than a browser can hold as one string (${limit})`;
    const message = `the value at ${path} (byte offset ${start}) cannot be read: ${problem}; split the file into smaller files`;
    throw new LargeJsonError(message, start, path, problem);
  }

  /** The value at `start`: parsed whole when it fits in one piece, else rebuilt from its members. */
  parseValue(start: number, path: string): { value: unknown; end: number } {
    const { bytes } = this;
    const end = this.measure(start, path);
    if (end - start <= this.maxPieceBytes) return { value: this.parsePiece(start, end, path), end };
    const first = bytes[start];
    if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return this.tooLarge(start, end, path);
    const root = this.open(start, path);
    const stack: Frame[] = [root];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const member = this.nextMember(frame);
      if (member === undefined) {
        this.flushRun(frame);
        stack.pop();
        continue;
      }
      if (member.end - member.start <= this.maxPieceBytes) {
        if (frame.isArray) this.addToRun(frame, member);
        else assign(frame.target, member.key, this.parseMember(member, memberPath(frame.path, member.key)));
        continue;
      }
      const memberAt = memberPath(frame.path, member.key);
      const c = bytes[member.start];
      if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return this.tooLarge(member.start, member.end, memberAt);
      this.flushRun(frame);
      const child = this.open(member.start, memberAt);
      assign(frame.target, member.key, child.target);
      stack.push(child);
    }
    return { value: root.target, end };
  }
}

function bomLength(bytes: Uint8Array): number {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** The first line's value is already parsed (it was read as the document before more lines showed up). */
interface FirstLine {
  readonly start: number;
  readonly value: unknown;
}

function readLines(
  bytes: Uint8Array,
  maxPieceBytes: number,
  quoteNanos: boolean,
  first: FirstLine,
): { lines: JsonLine[]; skipped: SkippedLine[] } {
  const lines: JsonLine[] = [];
  const skipped: SkippedLine[] = [];
  let from = bomLength(bytes);
  let lineNumber = 0;
  while (from <= bytes.length) {
    let to = bytes.indexOf(NEWLINE, from);
    if (to === -1) to = bytes.length;
    lineNumber++;
    // Each line is its own document: a bracket left open must not reach into the next line.
    const line = bytes.subarray(from, to);
    const lineIsFirst = from <= first.start && first.start < to;
    from = to + 1;
    const splitter = new Splitter(line, maxPieceBytes, quoteNanos);
    const start = splitter.skipWhitespace(0);
    if (start === line.length) continue;
    if (lineIsFirst) {
      lines.push({ line: lineNumber, doc: first.value });
      continue;
    }
    const path = `line ${lineNumber}: $`;
    try {
      const { value, end } = splitter.parseValue(start, path);
      const rest = splitter.skipWhitespace(end);
      if (rest !== line.length) splitter.expected(rest, path, 'the end of the line');
      lines.push({ line: lineNumber, doc: value });
    } catch (e) {
      if (!(e instanceof LargeJsonError)) throw e;
      skipped.push({ line: lineNumber, problem: `column ${e.offset + 1}: ${e.problem}` });
    }
  }
  return { lines, skipped };
}

/**
 * Parses a whole file of JSON or JSON Lines from its bytes without ever holding it as one
 * string. Throws LargeJsonError saying where the first syntax error is, or which value is too
 * large to parse even on its own.
 */
export function parseLargeJson(bytes: Uint8Array, maxPieceBytes: number, quoteNanos = false): LargeJson {
  const splitter = new Splitter(bytes, maxPieceBytes, quoteNanos);
  const start = splitter.skipWhitespace(bomLength(bytes));
  if (start === bytes.length) return splitter.expected(start, '$', 'a value');
  const { value, end } = splitter.parseValue(start, '$');
  const rest = splitter.skipWhitespace(end);
  if (rest === bytes.length) return { kind: 'document', doc: value };
  // JSON Lines: the first value fills its line and another line follows.
  const isJsonLines = bytes.subarray(end, rest).includes(NEWLINE) && !bytes.subarray(start, end).includes(NEWLINE);
  if (!isJsonLines) return splitter.expected(rest, '$', 'the end of the document');
  return { kind: 'lines', ...readLines(bytes, maxPieceBytes, quoteNanos, { start, value }) };
}
