// Jaeger's typed key/value pairs ({key, type, value}), used for span tags, process tags and
// log fields, converted to model attributes. Writers disagree on the details (bool written as
// the string "true", int64 written as a string to keep its digits, type left out), so each
// value is read leniently and only what cannot be read as its declared type is reported.
import { EMPTY_VALUE, FALSE_VALUE, NO_ATTRIBUTES, TRUE_VALUE } from '../model/shared-values.ts';
import type { Attribute, AttributeValue, WarningCode } from '../model/trace.ts';
import { isObject, jsonText, pathIndex, pathKey } from './json.ts';
import { entryCount, type PlainListReader, type ScalarSink } from './parsed.ts';

export type WarnFn = (code: WarningCode, message: string, path: string) => void;

/** A JSON path, or how to build it: paths are only written out for a warning. */
export type PathRef = string | (() => string);

export function resolvePath(path: PathRef): string {
  return typeof path === 'string' ? path : path();
}

/**
 * Converts the array at `owner.field` (tags or fields); null or absent means none. Paths are
 * passed in pieces and joined only for a warning, since this runs several times per span.
 */
export function readTypedTags(raw: unknown, owner: PathRef, field: string, warn: WarnFn): readonly Attribute[] {
  if (raw === null || raw === undefined) return NO_ATTRIBUTES;
  if (!Array.isArray(raw)) {
    warn(
      'invalid-value',
      `expected an array of {key, type, value} but found ${describe(raw)}; ignored`,
      `${resolvePath(owner)}.${field}`,
    );
    return NO_ATTRIBUTES;
  }
  if (raw.length === 0) return NO_ATTRIBUTES;
  // Sized once: a list grown by push keeps room for 16 or more, and these lists live as long as the trace.
  const attributes: Attribute[] = new Array(raw.length);
  let written = 0;
  for (let i = 0; i < raw.length; i++) {
    const tag: unknown = raw[i];
    if (!isObject(tag)) {
      warn(
        'invalid-value',
        `expected a {key, type, value} object but found ${describe(tag)}; ignored`,
        tagPath(owner, field, i),
      );
      continue;
    }
    let key = '';
    if (typeof tag.key === 'string') key = tag.key;
    else warn('missing-field', 'tag has no string key; kept with an empty key', tagPath(owner, field, i));
    attributes[written++] = { key, value: readTypedValue(tag.type, tag.value, owner, field, i, warn) };
  }
  if (written < attributes.length) attributes.length = written;
  return attributes;
}

/**
 * Tags kept as the fields of a `tag` object, as Jaeger's Elasticsearch and OpenSearch storage
 * writes them with its tags-as-fields option, the dots of their keys written as '@'. They are
 * read as tags, the dots put back as Jaeger does when it reads them; a value that is not a
 * string, number or bool is kept as its JSON text, with a warning.
 */
export function readTagObject(raw: unknown, owner: PathRef, warn: WarnFn): Attribute[] {
  if (raw === undefined || raw === null) return [];
  if (!isObject(raw)) {
    warn(
      'invalid-value',
      `expected an object of tag fields but found ${describe(raw)}; ignored`,
      `${resolvePath(owner)}.tag`,
    );
    return [];
  }
  const attributes: Attribute[] = [];
  for (const field in raw) {
    const value = raw[field];
    const key = field.replaceAll('@', '.');
    if (typeof value === 'string') attributes.push({ key, value: { type: 'string', value } });
    else if (typeof value === 'boolean') attributes.push({ key, value: value ? TRUE_VALUE : FALSE_VALUE });
    else if (typeof value === 'number') {
      attributes.push({
        key,
        value: Number.isSafeInteger(value) ? { type: 'int', value: String(value) } : { type: 'double', value },
      });
    } else {
      const problem = `tag field ${JSON.stringify(field)} holds ${describe(value)}, not a string, number or bool; kept as text`;
      warn('invalid-value', problem, pathKey(`${resolvePath(owner)}.tag`, field));
      attributes.push({ key, value: { type: 'string', value: jsonText(value) } });
    }
  }
  return attributes;
}

/** Tags to set aside while a list is checked: those whose key `accepts` takes go `into` the array. */
export interface TagPick {
  readonly accepts: (key: string) => boolean;
  readonly into: unknown[];
}

/**
 * True when `raw` is a list of {key, type, value} with string keys and each value of its
 * declared type in Jaeger's own spelling: a list readTypedTags reads without any warning.
 * Such span tag lists may be read later, when first needed (see DeferredAttributesSpan).
 * `pick` gathers some tags on the way, which spares a second pass over a span's tags.
 */
export function isPlainTagList(raw: unknown, pick?: TagPick): raw is readonly unknown[] {
  if (!Array.isArray(raw)) return false;
  for (let i = 0; i < raw.length; i++) {
    const tag: unknown = raw[i];
    if (!isObject(tag) || typeof tag.key !== 'string') return false;
    if (pick?.accepts(tag.key)) pick.into.push(tag);
    const value = tag.value;
    switch (tag.type) {
      case 'string':
      case 'binary':
        if (typeof value !== 'string') return false;
        break;
      case 'bool':
        if (typeof value !== 'boolean') return false;
        break;
      case 'int64':
        if (typeof value === 'string' ? !isIntegerText(value) : !Number.isSafeInteger(value)) return false;
        break;
      case 'float64':
        if (typeof value !== 'number') return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

type PlainTagValue = string | number | boolean;

/** One tag of a list isPlainTagList accepted, as readTypedTags would read it. */
function visitPlainTag(key: string, type: string, value: PlainTagValue, sink: ScalarSink): void {
  switch (type) {
    case 'string':
      sink.scalar(key, 'string', value);
      break;
    case 'bool':
      sink.scalar(key, 'bool', value);
      break;
    case 'int64':
      sink.scalar(key, 'int', typeof value === 'string' ? value.trim() : String(value));
      break;
    case 'float64':
      sink.scalar(key, 'double', value);
      break;
    default:
      sink.scalar(key, 'bytes', value);
  }
}

/** Reads lists that isPlainTagList accepted, as readTypedTags would (a test holds them to that). */
export const plainTagList: PlainListReader = {
  count: entryCount,
  visit(raw: unknown, sink: ScalarSink): void {
    const tags = raw as readonly { readonly key: string; readonly type: string; readonly value: PlainTagValue }[];
    for (let i = 0; i < tags.length; i++) visitPlainTag(tags[i].key, tags[i].type, tags[i].value, sink);
  },
};

/**
 * A list isPlainTagList accepted, kept as flat [key, type, value] triples until read: a tag
 * object costs about half as much again as its three values (some 350 MB at a million spans).
 */
export function compactPlainTags(tags: readonly unknown[]): PlainTagValue[] {
  const flat: PlainTagValue[] = new Array(tags.length * 3);
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i] as { readonly key: string; readonly type: string; readonly value: PlainTagValue };
    flat[3 * i] = tag.key;
    flat[3 * i + 1] = tag.type;
    flat[3 * i + 2] = tag.value;
  }
  return flat;
}

/** Reads what compactPlainTags made, as plainTagList reads the list it was made from. */
export const compactTagList: PlainListReader = {
  count: (raw) => (raw as readonly unknown[]).length / 3,
  visit(raw: unknown, sink: ScalarSink): void {
    const flat = raw as readonly PlainTagValue[];
    for (let i = 0; i < flat.length; i += 3) visitPlainTag(flat[i] as string, flat[i + 1] as string, flat[i + 2], sink);
  },
};

/** Path of the tag at `index` of the list at `owner.field`. */
function tagPath(owner: PathRef, field: string, index: number): string {
  return pathIndex(`${resolvePath(owner)}.${field}`, index);
}

function readTypedValue(
  type: unknown,
  value: unknown,
  owner: PathRef,
  field: string,
  index: number,
  warn: WarnFn,
): AttributeValue {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return { type: 'string', value };
      break;
    case 'bool':
      if (value === true) return TRUE_VALUE;
      if (value === false) return FALSE_VALUE;
      if (typeof value === 'string') {
        const bool = boolFromText(value);
        if (bool !== undefined) return bool;
      }
      break;
    case 'int64':
      if (typeof value === 'number' && Number.isInteger(value)) return intFromNumber(value, owner, field, index, warn);
      if (typeof value === 'string' && isIntegerText(value)) return { type: 'int', value: value.trim() };
      break;
    case 'float64':
      if (typeof value === 'number') return { type: 'double', value };
      if (typeof value === 'string') {
        const number = doubleFromText(value);
        if (number !== undefined) return { type: 'double', value: number };
      }
      break;
    case 'binary':
      if (typeof value === 'string') return { type: 'bytes', value };
      break;
    case undefined:
    case null:
      return inferValue(value, owner, field, index, warn);
    default: {
      // Writers outside Jaeger itself use other spellings of the same types.
      const alias = typeof type === 'string' ? TYPE_ALIASES[type.toLowerCase()] : undefined;
      if (alias !== undefined && alias !== type) return readTypedValue(alias, value, owner, field, index, warn);
      warn(
        'invalid-value',
        `unknown tag type ${jsonText(type)}; type taken from the value`,
        pathKey(tagPath(owner, field, index), 'type'),
      );
      return inferValue(value, owner, field, index, warn);
    }
  }
  warn(
    'invalid-value',
    `${describe(value)} is not a valid ${String(type)} value; type taken from the value`,
    pathKey(tagPath(owner, field, index), 'value'),
  );
  return inferValue(value, owner, field, index, warn);
}

const TYPE_ALIASES: { readonly [spelling: string]: string | undefined } = {
  string: 'string',
  str: 'string',
  bool: 'bool',
  boolean: 'bool',
  int64: 'int64',
  int: 'int64',
  int32: 'int64',
  long: 'int64',
  float64: 'float64',
  float: 'float64',
  double: 'float64',
  binary: 'binary',
  bytes: 'binary',
};

/** The attribute a bare JSON value stands for, when no usable type was written. */
function inferValue(value: unknown, owner: PathRef, field: string, index: number, warn: WarnFn): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { type: 'string', value };
    case 'boolean':
      return value ? TRUE_VALUE : FALSE_VALUE;
    case 'number':
      return Number.isInteger(value) ? intFromNumber(value, owner, field, index, warn) : { type: 'double', value };
    case 'undefined':
      return EMPTY_VALUE;
    default:
      // Objects and arrays have no Jaeger tag type; their JSON text keeps them readable.
      return value === null ? EMPTY_VALUE : { type: 'string', value: jsonText(value) };
  }
}

function intFromNumber(value: number, owner: PathRef, field: string, index: number, warn: WarnFn): AttributeValue {
  if (Number.isSafeInteger(value)) return { type: 'int', value: String(value) };
  // JSON.parse already rounded it to the nearest double: show that double's digits, and say so.
  const digits = BigInt(value).toString();
  warn(
    'invalid-value',
    `int64 value ${digits} is beyond 2^53 and lost precision when the JSON was read (write it as a string to keep it exact)`,
    pathKey(tagPath(owner, field, index), 'value'),
  );
  return { type: 'int', value: digits };
}

function boolFromText(text: string): AttributeValue | undefined {
  const t = text.trim().toLowerCase();
  return t === 'true' ? TRUE_VALUE : t === 'false' ? FALSE_VALUE : undefined;
}

/** An optional sign followed by decimal digits; written without a regex because it runs per tag. */
function isIntegerText(text: string): boolean {
  const t = text.trim();
  let i = t.charCodeAt(0) === 45 || t.charCodeAt(0) === 43 ? 1 : 0; // '-' or '+'
  if (i >= t.length) return false;
  for (; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function doubleFromText(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (t === 'NaN') return Number.NaN;
  const number = Number(t);
  return Number.isNaN(number) ? undefined : number;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Text of a scalar attribute (for an event name or a status message). */
export function attributeText(value: AttributeValue): string | undefined {
  switch (value.type) {
    case 'string':
    case 'int':
    case 'bytes':
      return value.value;
    case 'bool':
    case 'double':
      return String(value.value);
    default:
      return undefined;
  }
}
