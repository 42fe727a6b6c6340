// Parses JSON (or JSON Lines) from UTF-8 bytes that arrive in pieces, split anywhere, and may
// be too long for one string (V8 stops at about 512 MiB). It holds only a bounded window of the
// bytes: a value up to a run's size is parsed whole by JSON.parse; a larger array or object is
// opened and filled from its members, consecutive small members being parsed together as one
// run (a few MiB of text). Every decision depends on the bytes alone, never on where a piece
// ended, so the value and any error are the same however the bytes were cut. The scanner is a
// flat loop with an explicit stack: nesting depth never grows the call stack.
import { quoteBareNanos } from './bare-nanos.ts';
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

export interface JsonStreamOptions {
  /** The longest text parsed as one string: a longer string or number cannot be read. */
  readonly maxPieceBytes: number;
  /** Keep long bare integers under time keys as digits (see bare-nanos.ts). */
  readonly quoteNanos?: boolean;
  /**
   * Sees each run of elements of an array too large to parse whole (its path, the index of the
   * first), before they join the document, and may replace them in `values`: a reader that takes
   * what it needs from each lets the rest of its JSON go while the file streams in.
   */
  readonly onElements?: (path: string, first: number, values: unknown[]) => void;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

/**
 * Upper size of a value parsed whole, and of a run of members parsed together: big enough that
 * per-call costs vanish for arrays of a million small spans, small enough that its string is
 * soon garbage and the window of bytes held stays a few MiB.
 */
const RUN_BYTES = 4 * 2 ** 20;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function isValueStart(c: number): boolean {
  return (
    c === QUOTE ||
    c === OPEN_BRACE ||
    c === OPEN_BRACKET ||
    c === 0x2d ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x74 ||
    c === 0x66 ||
    c === 0x6e
  );
}

function formatSize(bytes: number): string {
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  if (bytes >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(0)} KiB`;
  return `${bytes} bytes`;
}

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

function countNewlines(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE, from); at !== -1 && at < to; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

const decoder = new TextDecoder('utf-8');

/** Consecutive small members of an opened container, decoded and parsed together. */
interface Run {
  readonly start: number;
  end: number;
  /** Index in the array of the first element. */
  readonly first: number;
  /** Byte offset of each member (of its key in an object), to name the one an error is in. */
  readonly starts: number[];
}

/** An array or object larger than a run, being filled from its members. */
interface Frame {
  readonly target: unknown[] | Record<string, unknown>;
  readonly isArray: boolean;
  readonly path: string;
  /** Offset of its opening bracket. */
  readonly open: number;
  /** Just after the last member read (or the opening bracket); after the closing one once closed. */
  pos: number;
  count: number;
  run: Run | undefined;
}

/** The value being scanned for its end; kept between pieces so that no byte is scanned twice. */
interface Scan {
  readonly kind: 'container' | 'string' | 'scalar';
  /** Where the member begins: its key in an object, else the value. */
  readonly memberStart: number;
  /** End of an object member's key, or -1. */
  readonly keyEnd: number;
  readonly start: number;
  /** Next byte to look at (one past the end of the bytes held when an escape was cut). */
  pos: number;
  /** Offsets of the brackets open in a container. */
  readonly opened: number[];
  inString: boolean;
  stringStart: number;
  /** A string or number longer than a piece, scanned only to say how long; its bytes are let go. */
  oversize: { readonly path: string; readonly line: number } | undefined;
}

type Phase = 'start' | 'member' | 'value' | 'after' | 'lines' | 'done';

/** A JSON Lines line being read by its own stream. */
interface LineReader {
  readonly line: number;
  readonly stream: JsonStream;
  failed: boolean;
}

/**
 * Feed it the bytes of a file in order (`feed`, any number of pieces of any size), then call
 * `end` for the document or the lines. Both throw LargeJsonError saying where the first syntax
 * error is, or which value is too large to parse even on its own. Each feed may copy the window
 * held (up to a run), so pieces of a few MiB or more are cheapest.
 */
export class JsonStream {
  private readonly maxPieceBytes: number;
  private readonly runBytes: number;
  private readonly quoteNanos: boolean;
  private readonly onElements: JsonStreamOptions['onElements'];
  /** A line of JSON Lines read on its own: blank is allowed, nothing may follow the value. */
  private readonly lineNumber: number | undefined;
  private readonly rootPath: string;

  /** The bytes held, from absolute offset `base`; never written to (pieces are adopted as given). */
  private buf: Uint8Array = new Uint8Array(0);
  private base = 0;
  /** Newlines before `base`, for the line of an error. */
  private baseLines = 0;
  private ended = false;

  private phase: Phase = 'start';
  /** Position in the 'start' and 'after' phases. */
  private pos = 0;
  private readonly stack: Frame[] = [];
  private scan: Scan | undefined;

  private root: { value: unknown } | undefined;
  private rootStartLine = 0;
  private rootEndLine = 0;
  /** After the root value: the line a following value would start, once a newline was seen. */
  private nextLineStart = -1;

  private lines: JsonLine[] = [];
  private readonly skipped: SkippedLine[] = [];
  private lineReader: LineReader | undefined;
  private nextLineNumber = 0;

  constructor(options: JsonStreamOptions, lineNumber?: number) {
    this.maxPieceBytes = options.maxPieceBytes;
    this.runBytes = Math.min(options.maxPieceBytes, RUN_BYTES);
    this.quoteNanos = options.quoteNanos ?? false;
    this.onElements = options.onElements;
    this.lineNumber = lineNumber;
    this.rootPath = lineNumber === undefined ? '$' : `line ${lineNumber}: $`;
  }

  feed(piece: Uint8Array): void {
    if (this.ended) throw new Error('JsonStream: feed after end');
    if (piece.length === 0) return;
    if (this.buf.length === 0) this.buf = piece;
    else {
      const joined = new Uint8Array(this.buf.length + piece.length);
      joined.set(this.buf);
      joined.set(piece, this.buf.length);
      this.buf = joined;
    }
    this.advance();
    this.letGo();
  }

  end(): LargeJson {
    this.ended = true;
    this.advance();
    if (this.phase === 'lines') {
      this.finishLine();
      return { kind: 'lines', lines: this.lines, skipped: this.skipped };
    }
    return { kind: 'document', doc: this.root?.value };
  }

  /** Bytes of the file held between pieces: a run and the member being read, not the file. */
  get heldBytes(): number {
    return this.buf.length;
  }

  /** For a line of JSON Lines: whether it held a value (blank lines hold none). */
  private hasValue(): boolean {
    return this.root !== undefined;
  }

  private get limit(): number {
    return this.base + this.buf.length;
  }

  private byteAt(at: number): number {
    return this.buf[at - this.base];
  }

  private advance(): void {
    for (;;) {
      let progressed: boolean;
      switch (this.phase) {
        case 'start':
          progressed = this.stepStart();
          break;
        case 'member':
          progressed = this.stepMember();
          break;
        case 'value':
          progressed = this.stepValue();
          break;
        case 'after':
          progressed = this.stepAfter();
          break;
        case 'lines':
          this.stepLines();
          return;
        case 'done':
          return;
      }
      if (!progressed) return;
    }
  }

  /** Drops the bytes before the first one still needed. */
  private letGo(): void {
    let keep: number;
    const top = this.stack[this.stack.length - 1];
    switch (this.phase) {
      case 'start':
        keep = this.pos;
        break;
      case 'member':
        keep = top.run?.start ?? top.pos;
        break;
      case 'value': {
        const scan = this.scan as Scan;
        if (scan.oversize !== undefined) keep = Math.min(scan.pos, this.limit);
        else keep = top?.run?.start ?? scan.memberStart;
        break;
      }
      case 'after':
        keep = this.nextLineStart >= 0 ? this.nextLineStart : this.pos;
        break;
      default:
        keep = this.limit;
    }
    if (keep <= this.base) return;
    const drop = keep - this.base;
    this.baseLines += countNewlines(this.buf, 0, drop);
    this.buf = this.buf.subarray(drop);
    this.base = keep;
  }

  private lineAt(at: number): number {
    return 1 + this.baseLines + countNewlines(this.buf, 0, at - this.base);
  }

  private fail(at: number, path: string, problem: string, line = this.lineAt(at)): never {
    throw new LargeJsonError(
      `not valid JSON at line ${line}, byte offset ${at} (in ${path}): ${problem}`,
      at,
      path,
      problem,
    );
  }

  private expected(at: number, path: string, what: string): never {
    let found = 'the end of the file';
    if (at < this.limit) {
      const c = this.byteAt(at);
      found = c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
    }
    return this.fail(at, path, `expected ${what} but found ${found}`);
  }

  private endsInside(path: string, open: number): never {
    const kind = this.byteAt(open) === OPEN_BRACE ? 'object' : 'array';
    return this.fail(this.limit, path, `the file ends inside the ${kind} opened at byte offset ${open}`);
  }

  private tooLarge(start: number, end: number, path: string): never {
    const limit = formatSize(this.maxPieceBytes);
    const problem = `it is ${formatSize(end - start)} of text, more than a browser can hold as one string (${limit})`;
    const message = `the value at ${path} (byte offset ${start}) cannot be read: ${problem}; split the file into smaller files`;
    throw new LargeJsonError(message, start, path, problem);
  }

  private skipWhitespace(from: number): number {
    const { buf, base } = this;
    let i = from - base;
    while (i < buf.length && isWhitespace(buf[i])) i++;
    return i + base;
  }

  /** End (exclusive) of the string whose opening quote is at `from`, or -1 if not in the bytes held. */
  private stringEnd(from: number): number {
    const { buf, base } = this;
    let i = from + 1 - base;
    while (i < buf.length) {
      const c = buf[i];
      if (c === QUOTE) return i + 1 + base;
      i += c === BACKSLASH ? 2 : 1;
    }
    return -1;
  }

  private stepStart(): boolean {
    let p = this.pos;
    if (p === 0 && this.lineNumber === undefined) {
      // A byte order mark, once all three of its bytes are here.
      const head = this.buf.subarray(0, 3);
      const isBomPrefix =
        head[0] === 0xef && (head.length < 2 || head[1] === 0xbb) && (head.length < 3 || head[2] === 0xbf);
      if (isBomPrefix && head.length < 3 && !this.ended) return false;
      if (isBomPrefix && head.length === 3) p = 3;
    }
    p = this.skipWhitespace(p);
    this.pos = p;
    if (p >= this.limit) {
      if (!this.ended) return false;
      if (this.lineNumber !== undefined) {
        this.phase = 'done';
        return false;
      }
      return this.expected(p, this.rootPath, 'a value');
    }
    this.rootStartLine = this.lineAt(p);
    this.beginValue(p, p, -1, this.rootPath);
    return true;
  }

  /** Starts scanning the value at `start` (the byte there is held). */
  private beginValue(memberStart: number, start: number, keyEnd: number, path: string): void {
    const c = this.byteAt(start);
    if (!isValueStart(c)) this.expected(start, path, 'a value');
    const kind = c === OPEN_BRACE || c === OPEN_BRACKET ? 'container' : c === QUOTE ? 'string' : 'scalar';
    this.scan = {
      kind,
      memberStart,
      keyEnd,
      start,
      pos: kind === 'string' ? start + 1 : start,
      opened: [],
      inString: false,
      stringStart: -1,
      oversize: undefined,
    };
    this.phase = 'value';
  }

  /** Either the closing bracket of the top container, or the next member's key and the start of its value. */
  private stepMember(): boolean {
    const frame = this.stack[this.stack.length - 1];
    const limit = this.limit;
    let p = this.skipWhitespace(frame.pos);
    if (p >= limit) return this.needMore(frame);
    const c = this.byteAt(p);
    if (c === (frame.isArray ? CLOSE_BRACKET : CLOSE_BRACE)) {
      frame.pos = p + 1;
      this.close(frame);
      return true;
    }
    if (frame.count > 0) {
      if (c !== COMMA) return this.expected(p, frame.path, frame.isArray ? "',' or ']'" : "',' or '}'");
      p = this.skipWhitespace(p + 1);
      if (p >= limit) return this.needMore(frame);
    }
    const memberStart = p;
    let keyEnd = -1;
    if (!frame.isArray) {
      if (this.byteAt(p) !== QUOTE) return this.expected(p, frame.path, 'a double-quoted property name');
      keyEnd = this.stringEnd(p);
      if (keyEnd === -1) {
        if (this.ended) return this.fail(p, frame.path, 'this string is never closed');
        return false;
      }
      p = this.skipWhitespace(keyEnd);
      if (p >= limit) return this.needMore(frame);
      if (this.byteAt(p) !== COLON)
        return this.expected(p, memberPath(frame.path, this.key(frame, memberStart, keyEnd)), "':'");
      p = this.skipWhitespace(p + 1);
      if (p >= limit) return this.needMore(frame);
    }
    this.beginValue(memberStart, p, keyEnd, frame.path);
    return true;
  }

  /** False while more bytes may come; at the end of the file, the error of a container left open. */
  private needMore(frame: Frame): boolean {
    if (!this.ended) return false;
    return this.endsInside(frame.path, frame.open);
  }

  private key(frame: Frame, keyStart: number, keyEnd: number): string {
    const key = this.parseBytes(keyStart, keyEnd, '', '', () => frame.path);
    if (typeof key !== 'string') return this.expected(keyStart, frame.path, 'a property name');
    return key;
  }

  private stepValue(): boolean {
    const scan = this.scan as Scan;
    const frame = this.stack[this.stack.length - 1] as Frame | undefined;
    const path = frame?.path ?? this.rootPath;
    let end: number;
    if (scan.kind === 'container') {
      const found = this.scanContainer(scan);
      if (found === -2) {
        this.openBig(scan, frame);
        return true;
      }
      if (found === -1) {
        if (!this.ended) return false;
        if (scan.inString) return this.fail(scan.stringStart, path, 'this string is never closed');
        return this.endsInside(path, scan.opened[scan.opened.length - 1]);
      }
      end = found;
    } else {
      const found = scan.kind === 'string' ? this.scanString(scan) : this.scanScalar(scan);
      if (found === -1) {
        if (!this.ended) return false;
        if (scan.kind === 'string')
          return this.fail(scan.start, path, 'this string is never closed', scan.oversize?.line);
        end = this.limit;
      } else end = found;
      if (scan.oversize !== undefined) return this.tooLarge(scan.start, end, scan.oversize.path);
      if (end - scan.start > this.maxPieceBytes) return this.tooLarge(scan.start, end, this.memberPathOf(scan, frame));
    }
    this.scan = undefined;
    if (frame === undefined) {
      this.root = { value: this.parseBytes(scan.start, end, '', '', () => path) };
      this.rootEnded(end);
      return true;
    }
    frame.count++;
    frame.pos = end;
    this.addToRun(frame, scan.memberStart, end);
    this.phase = 'member';
    return true;
  }

  private memberPathOf(scan: Scan, frame: Frame | undefined): string {
    if (frame === undefined) return this.rootPath;
    return memberPath(frame.path, frame.isArray ? frame.count : this.key(frame, scan.memberStart, scan.keyEnd));
  }

  /** End of the container, -1 if it goes past the bytes held, -2 if it is larger than a run. */
  private scanContainer(scan: Scan): number {
    const { buf, base } = this;
    const { opened } = scan;
    const stop = Math.min(buf.length, scan.start + this.runBytes - base);
    let i = scan.pos - base;
    let inString = scan.inString;
    while (i < stop) {
      if (inString) {
        while (i < stop) {
          const s = buf[i];
          if (s === QUOTE) {
            inString = false;
            i++;
            break;
          }
          i += s === BACKSLASH ? 2 : 1;
        }
        continue;
      }
      const c = buf[i];
      if (c === QUOTE) {
        inString = true;
        scan.stringStart = base + i;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) opened.push(base + i);
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        opened.pop();
        if (opened.length === 0) return base + i + 1;
      }
      i++;
    }
    scan.pos = base + i;
    scan.inString = inString;
    return scan.pos >= scan.start + this.runBytes ? -2 : -1;
  }

  /** End of the string, or -1 if it goes past the bytes held. */
  private scanString(scan: Scan): number {
    const { buf, base } = this;
    let i = scan.pos - base;
    while (i < buf.length) {
      const c = buf[i];
      if (c === QUOTE) return base + i + 1;
      i += c === BACKSLASH ? 2 : 1;
    }
    scan.pos = base + i;
    this.checkOversize(scan);
    return -1;
  }

  /** End of a number or literal, or -1 if it may go on past the bytes held. */
  private scanScalar(scan: Scan): number {
    const { buf, base } = this;
    let i = scan.pos - base;
    while (i < buf.length) {
      const c = buf[i];
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) return base + i;
      i++;
    }
    scan.pos = base + i;
    this.checkOversize(scan);
    return -1;
  }

  /** Past a piece's size, a scalar's bytes stop being held; only its length is still wanted. */
  private checkOversize(scan: Scan): void {
    if (scan.oversize !== undefined || scan.pos - scan.start <= this.maxPieceBytes) return;
    const frame = this.stack[this.stack.length - 1] as Frame | undefined;
    scan.oversize = { path: this.memberPathOf(scan, frame), line: this.lineAt(scan.start) };
  }

  /** A container larger than a run: opened, to be filled member by member. */
  private openBig(scan: Scan, parent: Frame | undefined): void {
    this.scan = undefined;
    const isArray = this.byteAt(scan.start) === OPEN_BRACKET;
    const target: unknown[] | Record<string, unknown> = isArray ? [] : {};
    let path = this.rootPath;
    if (parent !== undefined) {
      this.flushRun(parent);
      const key = parent.isArray ? parent.count : this.key(parent, scan.memberStart, scan.keyEnd);
      path = memberPath(parent.path, key);
      assign(parent.target, key, target);
      parent.count++;
    } else this.root = { value: target };
    this.stack.push({ target, isArray, path, open: scan.start, pos: scan.start + 1, count: 0, run: undefined });
    this.phase = 'member';
  }

  private close(frame: Frame): void {
    this.flushRun(frame);
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    if (parent !== undefined) {
      parent.pos = frame.pos;
      this.phase = 'member';
    } else this.rootEnded(frame.pos);
  }

  private rootEnded(end: number): void {
    this.rootEndLine = this.lineAt(end);
    this.pos = end;
    this.phase = 'after';
  }

  /** After the root value: only whitespace, or (in a file) the next lines of JSON Lines. */
  private stepAfter(): boolean {
    const { buf, base } = this;
    let i = this.pos - base;
    while (i < buf.length && isWhitespace(buf[i])) {
      if (buf[i] === NEWLINE) this.nextLineStart = base + i + 1;
      i++;
    }
    this.pos = base + i;
    if (i >= buf.length) {
      if (this.ended) this.phase = 'done';
      return false;
    }
    if (this.lineNumber !== undefined) return this.expected(this.pos, this.rootPath, 'the end of the line');
    // JSON Lines: the first value fills its line and another line follows.
    if (this.nextLineStart < 0 || this.rootEndLine !== this.rootStartLine)
      return this.expected(this.pos, '$', 'the end of the document');
    this.lines = [{ line: this.rootStartLine, doc: this.root?.value }];
    this.nextLineNumber = this.lineAt(this.nextLineStart);
    this.pos = this.nextLineStart;
    this.phase = 'lines';
    this.startLine();
    return true;
  }

  private startLine(): void {
    const options = { maxPieceBytes: this.maxPieceBytes, quoteNanos: this.quoteNanos };
    const line = this.nextLineNumber++;
    this.lineReader = { line, stream: new JsonStream(options, line), failed: false };
  }

  /** Each line is its own document: a bracket left open must not reach into the next line. */
  private stepLines(): void {
    const { buf, base } = this;
    let from = this.pos - base;
    while (from < buf.length) {
      const newline = buf.indexOf(NEWLINE, from);
      const to = newline === -1 ? buf.length : newline;
      this.feedLine(buf.subarray(from, to));
      if (newline === -1) {
        from = buf.length;
        break;
      }
      this.finishLine();
      this.startLine();
      from = newline + 1;
    }
    this.pos = base + from;
  }

  private feedLine(bytes: Uint8Array): void {
    const reader = this.lineReader as LineReader;
    if (reader.failed) return;
    try {
      reader.stream.feed(bytes);
    } catch (e) {
      this.skipLine(reader, e);
    }
  }

  private finishLine(): void {
    const reader = this.lineReader as LineReader;
    if (reader.failed) return;
    try {
      const parsed = reader.stream.end();
      if (parsed.kind === 'document' && reader.stream.hasValue())
        this.lines.push({ line: reader.line, doc: parsed.doc });
    } catch (e) {
      this.skipLine(reader, e);
    }
  }

  private skipLine(reader: LineReader, e: unknown): void {
    if (!(e instanceof LargeJsonError)) throw e;
    reader.failed = true;
    this.skipped.push({ line: reader.line, problem: `column ${e.offset + 1}: ${e.problem}` });
  }

  private addToRun(frame: Frame, start: number, end: number): void {
    const { run } = frame;
    if (run !== undefined && end - run.start <= this.runBytes) {
      run.end = end;
      run.starts.push(start);
      return;
    }
    this.flushRun(frame);
    frame.run = { start, end, first: frame.count - 1, starts: [start] };
  }

  private flushRun(frame: Frame): void {
    const { run } = frame;
    if (run === undefined) return;
    frame.run = undefined;
    const memberAt = (offset: number): string => {
      let k = run.starts.length - 1;
      while (k > 0 && run.starts[k] > offset) k--;
      if (frame.isArray) return `${frame.path}[${run.first + k}]`;
      const keyStart = run.starts[k];
      const keyEnd = this.stringEnd(keyStart);
      try {
        const key: unknown =
          keyEnd === -1
            ? undefined
            : JSON.parse(decoder.decode(this.buf.subarray(keyStart - this.base, keyEnd - this.base)));
        return typeof key === 'string' ? memberPath(frame.path, key) : frame.path;
      } catch {
        return frame.path;
      }
    };
    if (frame.isArray) {
      const values = this.parseBytes(run.start, run.end, '[', ']', memberAt);
      // The scanner cut the run at element boundaries, so a mismatch means a malformed element.
      if (!Array.isArray(values) || values.length !== run.starts.length)
        this.fail(run.start, memberAt(run.start), 'this value is not valid JSON');
      this.onElements?.(frame.path, run.first, values);
      const target = frame.target as unknown[];
      for (const value of values) target.push(value);
      return;
    }
    const members = this.parseBytes(run.start, run.end, '{', '}', memberAt) as Record<string, unknown>;
    for (const key of Object.keys(members)) assign(frame.target, key, members[key]);
  }

  /**
   * Decodes bytes [start, end) and parses them between `before` and `after` (the brackets of a
   * run of members). A syntax error gives its byte offset and the path `pathAt` names for it.
   */
  private parseBytes(
    start: number,
    end: number,
    before: string,
    after: string,
    pathAt: (offset: number) => string,
  ): unknown {
    const text = decoder.decode(this.buf.subarray(start - this.base, end - this.base));
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
}
