// OTLP/JSON attribute lists and AnyValue, plus the cursor that tells where in the document
// the reader is. Paths are kept as mutable steps and only joined into text for a warning,
// because building a path string per attribute would cost more than reading the value.
import { EMPTY_VALUE, FALSE_VALUE, NO_ATTRIBUTES, TRUE_VALUE } from '../model/shared-values.ts';
import type { Attribute, AttributeValue, WarningCode } from '../model/trace.ts';
import { isObject, jsonText, pathIndex, pathKey, type JsonObject } from './json.ts';
import { entryCount, type BatchBuilder, type PlainListReader, type ScalarSink } from './parsed.ts';

/** Position in the document being read, and where its warnings go. */
export class OtlpCursor {
  private readonly steps: (string | number)[] = [];
  /** Number of steps in use; callers save and restore it around a descent. */
  depth = 0;
  /** The ParsedSpan being read, for warnings that concern it. */
  spanIndex: number | undefined;
  /** `$` or `line N: $`. */
  prefix = '$';

  /** `batch` is null only for lists checked to read without warnings (readPlainAttributeList). */
  constructor(private readonly batch: BatchBuilder | null) {}

  push(step: string | number): void {
    this.steps[this.depth++] = step;
  }

  pop(): void {
    this.depth--;
  }

  path(lastKey?: string): string {
    let text = this.prefix;
    for (let i = 0; i < this.depth; i++) {
      const step = this.steps[i];
      text = typeof step === 'number' ? pathIndex(text, step) : pathKey(text, step);
    }
    return lastKey === undefined ? text : pathKey(text, lastKey);
  }

  /** Warns about the value at the cursor, or at its field `lastKey`. */
  warn(code: WarningCode, message: string, lastKey?: string): void {
    if (this.batch === null) throw new Error(`unexpected warning on a list checked as plain: ${message}`);
    this.batch.warn(code, message, this.path(lastKey), this.spanIndex);
  }
}

/** A short description of a JSON value for a message; shallow, since the value may be huge or deep. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    return `an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`;
  }
  const text = jsonText(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A scalar as text, for a field that should have been a string. */
export function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null ? describeJson(value) : String(value);
}

/** Reads a KeyValue list at the cursor (which points at the list). */
export function readAttributes(raw: unknown, cursor: OtlpCursor): readonly Attribute[] {
  if (raw === undefined || raw === null) return NO_ATTRIBUTES;
  if (!Array.isArray(raw)) {
    cursor.warn('invalid-value', `attributes should be an array of {key, value}, got ${describeJson(raw)}`);
    return NO_ATTRIBUTES;
  }
  if (raw.length === 0) return NO_ATTRIBUTES;
  // Sized once: a list grown by push keeps room for 16 or more, and these lists live as long as the trace.
  const out: Attribute[] = new Array(raw.length);
  let written = 0;
  const depth = cursor.depth;
  for (let i = 0; i < raw.length; i++) {
    cursor.depth = depth;
    cursor.push(i);
    const entry: unknown = raw[i];
    if (!isObject(entry)) {
      cursor.warn('invalid-value', `attribute skipped: expected {key, value}, got ${describeJson(entry)}`);
      continue;
    }
    const key = readKey(entry, cursor);
    cursor.push('value');
    out[written++] = { key, value: readAnyValue(entry.value, cursor) };
  }
  cursor.depth = depth;
  if (written < out.length) out.length = written;
  return out;
}

/**
 * True when `raw` is a list of {key, value} with string keys and scalar values of their proper
 * JSON types: a list readAttributes reads without any warning. Such lists may be read later,
 * when first needed (see DeferredAttributesSpan); this check must stay stricter than readScalarValue.
 */
export function isPlainAttributeList(raw: unknown): raw is readonly unknown[] {
  if (!Array.isArray(raw)) return false;
  for (let i = 0; i < raw.length; i++) {
    const entry: unknown = raw[i];
    if (!isObject(entry) || typeof entry.key !== 'string') return false;
    const value = entry.value;
    if (!isObject(value) || value.arrayValue != null || value.kvlistValue != null) return false;
    // In readScalarValue's order: the first field present decides the value.
    if (value.stringValue != null) {
      if (typeof value.stringValue !== 'string') return false;
    } else if (value.intValue != null) {
      const int = value.intValue;
      if (typeof int === 'string' ? !isIntegerText(int) : !Number.isSafeInteger(int)) return false;
    } else if (value.boolValue != null) {
      if (typeof value.boolValue !== 'boolean') return false;
    } else if (value.doubleValue != null) {
      if (typeof value.doubleValue !== 'number') return false;
    } else if (typeof value.bytesValue !== 'string') {
      return false;
    }
  }
  return true;
}

/**
 * Reads lists that isPlainAttributeList accepted, as readAttributes would (a test holds them
 * to that) but without a document cursor: such a list has nothing to warn about.
 */
export const plainAttributeList: PlainListReader = {
  count: entryCount,
  visit(raw: unknown, sink: ScalarSink): void {
    const list = raw as readonly { readonly key: string; readonly value: JsonObject }[];
    for (let i = 0; i < list.length; i++) {
      const { key, value } = list[i];
      // In readScalarValue's order: the first field present decides the value.
      if (value.stringValue != null) sink.scalar(key, 'string', value.stringValue as string);
      else if (value.intValue != null) {
        const int = value.intValue as string | number;
        sink.scalar(key, 'int', typeof int === 'string' ? int : String(int));
      } else if (value.boolValue != null) sink.scalar(key, 'bool', value.boolValue as boolean);
      else if (value.doubleValue != null) sink.scalar(key, 'double', value.doubleValue as number);
      else sink.scalar(key, 'bytes', value.bytesValue as string);
    }
  },
};

function readKey(entry: JsonObject, cursor: OtlpCursor): string {
  const key = entry.key;
  if (typeof key === 'string') return key;
  cursor.warn('missing-field', `attribute has no string key (got ${describeJson(key)}); kept with key ""`, 'key');
  return '';
}

interface ArrayFrame {
  readonly isMap: false;
  readonly items: readonly unknown[];
  readonly out: AttributeValue[];
  /** Cursor depth where an item's index goes, just after the container's `values` step. */
  readonly depth: number;
  next: number;
}

interface MapFrame {
  readonly isMap: true;
  readonly items: readonly unknown[];
  readonly out: Attribute[];
  readonly depth: number;
  next: number;
}

type Frame = ArrayFrame | MapFrame;

/**
 * Reads an AnyValue at the cursor. Nested arrays and maps are walked with an explicit stack:
 * their depth is chosen by the sender, so it must not become call-stack depth.
 */
function readAnyValue(raw: unknown, cursor: OtlpCursor): AttributeValue {
  if (!isObject(raw)) return readNonObjectValue(raw, cursor);
  if (arrayField(raw) === undefined && mapField(raw) === undefined) return readScalarValue(raw, cursor);
  const depth = cursor.depth;
  const stack: Frame[] = [];
  const root = openValue(raw, cursor, stack);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.items.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    cursor.depth = frame.depth;
    cursor.push(i);
    const item = frame.items[i];
    if (!frame.isMap) {
      frame.out.push(openValue(item, cursor, stack));
    } else if (isObject(item)) {
      const key = readKey(item, cursor);
      cursor.push('value');
      frame.out.push({ key, value: openValue(item.value, cursor, stack) });
    } else {
      cursor.warn('invalid-value', `map entry skipped: expected {key, value}, got ${describeJson(item)}`);
    }
  }
  cursor.depth = depth;
  return root;
}

/** A scalar value, or a container whose (still empty) output array is filled later from the stack. */
function openValue(raw: unknown, cursor: OtlpCursor, stack: Frame[]): AttributeValue {
  if (!isObject(raw)) return readNonObjectValue(raw, cursor);
  const arrayKey = arrayField(raw);
  if (arrayKey !== undefined) {
    const items = readValuesList(raw[arrayKey], arrayKey, cursor);
    const out: AttributeValue[] = [];
    if (items.length > 0) stack.push({ isMap: false, items, out, depth: cursor.depth + 2, next: 0 });
    return { type: 'array', value: out };
  }
  const mapKey = mapField(raw);
  if (mapKey !== undefined) {
    const items = readValuesList(raw[mapKey], mapKey, cursor);
    const out: Attribute[] = [];
    if (items.length > 0) stack.push({ isMap: true, items, out, depth: cursor.depth + 2, next: 0 });
    return { type: 'map', value: out };
  }
  return readScalarValue(raw, cursor);
}

/**
 * Which key holds an AnyValue's array: protobuf's JSON printers write `arrayValue`, or the
 * proto field name `array_value` when asked to keep field names; the collector reads both.
 */
function arrayField(raw: JsonObject): string | undefined {
  if (raw.arrayValue != null) return 'arrayValue';
  return raw.array_value != null ? 'array_value' : undefined;
}

/** As arrayField for a key-value list; `kv_list_value` is how some hand-made mappers spell it. */
function mapField(raw: JsonObject): string | undefined {
  if (raw.kvlistValue != null) return 'kvlistValue';
  if (raw.kvlist_value != null) return 'kvlist_value';
  return raw.kv_list_value != null ? 'kv_list_value' : undefined;
}

/** The `values` of an ArrayValue / KeyValueList; leaves the cursor unchanged. */
function readValuesList(container: unknown, key: string, cursor: OtlpCursor): readonly unknown[] {
  if (isObject(container)) {
    const values = container.values;
    if (Array.isArray(values)) {
      // The frame's items hang under `<key>.values`; these steps stay valid until the
      // frame is done because deeper frames only write steps beyond them.
      cursor.push(key);
      cursor.push('values');
      cursor.depth -= 2;
      return values;
    }
    if (values == null) return [];
  }
  cursor.warn('invalid-value', `${key} should be {values: [...]}, got ${describeJson(container)}`, key);
  return [];
}

/** A scalar AnyValue, under its JSON field names or its proto field names (`string_value`...). */
function readScalarValue(raw: JsonObject, cursor: OtlpCursor): AttributeValue {
  const text = raw.stringValue ?? raw.string_value;
  if (text != null) {
    if (typeof text === 'string') return { type: 'string', value: text };
    const key = spelled(raw, 'stringValue', 'string_value');
    cursor.warn('invalid-value', `${key} is not a string: ${describeJson(text)}; kept as text`, key);
    return { type: 'string', value: textOf(text) };
  }
  const int = raw.intValue ?? raw.int_value;
  if (int != null) return readInt(int, spelled(raw, 'intValue', 'int_value'), cursor);
  const bool = raw.boolValue ?? raw.bool_value;
  if (bool != null) return readBool(bool, spelled(raw, 'boolValue', 'bool_value'), cursor);
  const double = raw.doubleValue ?? raw.double_value;
  if (double != null) return readDouble(double, spelled(raw, 'doubleValue', 'double_value'), cursor);
  const bytes = raw.bytesValue ?? raw.bytes_value;
  if (bytes != null) {
    if (typeof bytes === 'string') return { type: 'bytes', value: bytes };
    const key = spelled(raw, 'bytesValue', 'bytes_value');
    cursor.warn('invalid-value', `${key} should be a base64 string, got ${describeJson(bytes)}`, key);
    return EMPTY_VALUE;
  }
  return readUnknownValue(raw, cursor);
}

/** The spelling of a field that `raw` uses, for a warning's message and path. */
function spelled(raw: JsonObject, jsonName: string, protoName: string): string {
  return raw[jsonName] != null ? jsonName : protoName;
}

function isIntegerText(text: string): boolean {
  const start = text.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  if (text.length <= start) return false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function readInt(raw: unknown, key: string, cursor: OtlpCursor): AttributeValue {
  if (typeof raw === 'string') {
    if (isIntegerText(raw)) return { type: 'int', value: raw };
    cursor.warn('invalid-value', `${key} ${describeJson(raw)} is not an integer; kept as text`, key);
    return { type: 'string', value: raw };
  }
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw)) return { type: 'int', value: String(raw) };
    if (Number.isInteger(raw)) {
      cursor.warn(
        'invalid-value',
        `${key} ${raw} is a JSON number beyond 2^53: its last digits may already be lost ` +
          '(int64 should be written as a string)',
        key,
      );
      return { type: 'int', value: BigInt(raw).toString() };
    }
    cursor.warn('invalid-value', `${key} ${raw} is not an integer; kept as a double`, key);
    return { type: 'double', value: raw };
  }
  cursor.warn('invalid-value', `${key} should be a string or number, got ${describeJson(raw)}`, key);
  return EMPTY_VALUE;
}

function readBool(raw: unknown, key: string, cursor: OtlpCursor): AttributeValue {
  if (typeof raw === 'boolean') return raw ? TRUE_VALUE : FALSE_VALUE;
  if (raw === 'true' || raw === 'false') {
    cursor.warn('invalid-value', `${key} is the string ${describeJson(raw)}; read as a boolean`, key);
    return raw === 'true' ? TRUE_VALUE : FALSE_VALUE;
  }
  cursor.warn('invalid-value', `${key} should be true or false, got ${describeJson(raw)}`, key);
  return EMPTY_VALUE;
}

function readDouble(raw: unknown, key: string, cursor: OtlpCursor): AttributeValue {
  if (typeof raw === 'number') return { type: 'double', value: raw };
  if (typeof raw === 'string') {
    // Protobuf JSON writes non-finite doubles as "NaN", "Infinity", "-Infinity", and allows
    // any double as a string.
    if (raw === 'NaN') return { type: 'double', value: NaN };
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (!Number.isNaN(n)) return { type: 'double', value: n };
    cursor.warn('invalid-value', `${key} ${describeJson(raw)} is not a number; kept as text`, key);
    return { type: 'string', value: raw };
  }
  cursor.warn('invalid-value', `${key} should be a number, got ${describeJson(raw)}`, key);
  return EMPTY_VALUE;
}

/** `{}` is the empty value; a lone non-standard key holding a scalar is read on a best-effort basis. */
function readUnknownValue(raw: JsonObject, cursor: OtlpCursor): AttributeValue {
  for (const key in raw) {
    const value = raw[key];
    if (value == null) continue;
    if (typeof value === 'string') {
      cursor.warn('invalid-value', `AnyValue has no standard field; non-standard "${key}" read as a string`, key);
      return { type: 'string', value };
    }
    if (typeof value === 'boolean') {
      cursor.warn('invalid-value', `AnyValue has no standard field; non-standard "${key}" read as a boolean`, key);
      return { type: 'bool', value };
    }
    if (typeof value === 'number') {
      cursor.warn('invalid-value', `AnyValue has no standard field; non-standard "${key}" read as a number`, key);
      return Number.isSafeInteger(value) ? { type: 'int', value: String(value) } : { type: 'double', value };
    }
    cursor.warn('invalid-value', `AnyValue has no standard field, only "${key}"; value left empty`, key);
    return EMPTY_VALUE;
  }
  return EMPTY_VALUE;
}

/** A bare JSON scalar where an AnyValue object belongs: kept as what it is, with a warning. */
function readNonObjectValue(raw: unknown, cursor: OtlpCursor): AttributeValue {
  if (raw == null) return EMPTY_VALUE;
  if (typeof raw === 'string') {
    cursor.warn('invalid-value', 'value is a bare string, not an AnyValue object ({"stringValue": ...}); kept as text');
    return { type: 'string', value: raw };
  }
  if (typeof raw === 'boolean') {
    cursor.warn('invalid-value', 'value is a bare boolean, not an AnyValue object ({"boolValue": ...})');
    return { type: 'bool', value: raw };
  }
  if (typeof raw === 'number') {
    cursor.warn('invalid-value', 'value is a bare number, not an AnyValue object ({"intValue"/"doubleValue": ...})');
    return Number.isSafeInteger(raw) ? { type: 'int', value: String(raw) } : { type: 'double', value: raw };
  }
  cursor.warn('invalid-value', `value should be an AnyValue object, got ${describeJson(raw)}`);
  return EMPTY_VALUE;
}
