// @vitest-environment node
// Mutation fuzzing over the real corpus: a loadable file is damaged a few random ways (JSON
// values replaced, keys deleted, elements duplicated or swapped, spans made their own parent
// or given another span's id, times made strings, negative or huge; the text truncated or
// with characters replaced) and the loaders must still never throw and never lose a span:
// every span is in its trace's tree once, warnings point at spans that exist, times are
// finite, and the worker can pack and unpack every trace.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTraceDocument, loadTraceLines, loadTraceText, type LoadOutcome } from '../../../src/formats/load.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';
import { throughPostMessage } from '../../helpers/page-round-trip.ts';
import { plainSpan } from '../../helpers/plain-trace.ts';

// ---------------------------------------------------------------------------------------------
// The corpus files to damage: loadable, small enough to keep a run fast.

const MAX_BYTES = 300_000;

interface Sample {
  readonly file: string;
  /** The name the loaders are given (the file's base name). */
  readonly name: string;
  /** JSON Lines files are damaged as an array of their line documents. */
  readonly jsonLines: boolean;
  readonly doc: unknown;
}

function loadSamples(): Sample[] {
  const samples: Sample[] = [];
  for (const entry of corpusEntries()) {
    if (entry.expect !== 'load' && entry.expect !== 'load-with-warnings') continue;
    const text = readCorpusText(entry.file);
    if (text.length > MAX_BYTES) continue;
    const name = entry.file.split('/').pop()!;
    const jsonLines = entry.file.endsWith('.jsonl');
    try {
      const doc = jsonLines
        ? text
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as unknown)
        : (JSON.parse(text) as unknown);
      samples.push({ file: entry.file, name, jsonLines, doc });
    } catch {
      // Not JSON (nor JSON Lines) as a whole: nothing structural to damage.
    }
  }
  return samples;
}

const SAMPLES = loadSamples();

// ---------------------------------------------------------------------------------------------
// Structural mutations. Each names its target by a number taken modulo the candidates in the
// document as it is at that point, so a list of mutations replays exactly on the same file.

type Json = unknown;
type Path = (string | number)[];

type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly value: Json }
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'swap'; readonly at: number; readonly other: number }
  | { readonly kind: 'self-parent'; readonly at: number }
  | { readonly kind: 'two-cycle'; readonly at: number; readonly other: number }
  | { readonly kind: 'same-id'; readonly at: number; readonly other: number }
  | { readonly kind: 'bad-time'; readonly at: number; readonly value: Json };

const SPAN_ID_KEYS = ['spanID', 'spanId', 'id'] as const;
const TRACE_ID_KEYS = ['traceID', 'traceId'] as const;
const TIME_KEYS = new Set([
  'startTime',
  'duration',
  'timestamp',
  'startTimeUnixNano',
  'endTimeUnixNano',
  'timeUnixNano',
]);

function isObj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function showPath(path: Path): string {
  return `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
}

function short(value: Json): string {
  if (value instanceof NestedArray) return value[fc.toStringMethod]();
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Every node below the root, parents before children (iterative: values may be deeply nested). */
function allPaths(root: Json): Path[] {
  const out: Path[] = [];
  const stack: [Json, Path][] = [[root, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (path.length > 0) out.push(path);
    if (typeof node === 'object' && node !== null && deepArrays.has(node)) continue;
    if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], [...path, i]]);
    else if (isObj(node)) for (const k of Object.keys(node).reverse()) stack.push([node[k], [...path, k]]);
  }
  return out;
}

/** A copy of a document, sharing the deep arrays this test put in. */
function cloneJson(value: Json): Json {
  if (typeof value !== 'object' || value === null || deepArrays.has(value)) return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneJson(v)]));
}

/** JSON.stringify, writing the deep arrays without recursing. */
function toJson(value: Json): string {
  const deep: number[] = [];
  const marker = '\u0000deep-array\u0000';
  const text =
    JSON.stringify(value, (_key, v: Json) => {
      const depth = typeof v === 'object' && v !== null ? deepArrays.get(v) : undefined;
      if (depth === undefined) return v;
      deep.push(depth);
      return marker;
    }) ?? 'null';
  let k = 0;
  return text.replaceAll(JSON.stringify(marker), () => {
    const depth = deep[k++] + 1;
    return '['.repeat(depth) + ']'.repeat(depth);
  });
}

function get(root: Json, path: Path): Json {
  let node = root;
  for (const k of path) node = (node as Record<string | number, Json>)[k];
  return node;
}

function set(root: Json, path: Path, value: Json): void {
  (get(root, path.slice(0, -1)) as Record<string | number, Json>)[path[path.length - 1]] = value;
}

function spanIdKey(obj: Record<string, Json>): string | undefined {
  if (!TRACE_ID_KEYS.some((k) => k in obj)) return undefined;
  return SPAN_ID_KEYS.find((k) => typeof obj[k] === 'string' || typeof obj[k] === 'number');
}

/** Objects that look like spans (a trace id and a span id; Jaeger references count too). */
function spanPaths(root: Json): Path[] {
  return allPaths(root).filter((p) => {
    const v = get(root, p);
    return isObj(v) && spanIdKey(v) !== undefined;
  });
}

/** Makes `span` name `parentId` as its parent, the way its format writes it. */
function setParent(span: Record<string, Json>, parentId: Json): string {
  const key = spanIdKey(span)!;
  if (key === 'spanID') {
    const traceID = span.traceID;
    span.references = [{ refType: 'CHILD_OF', traceID, spanID: parentId }];
    return 'references';
  }
  const parentKey = key === 'spanId' ? 'parentSpanId' : 'parentId';
  span[parentKey] = parentId;
  return parentKey;
}

/** Two span objects (maybe the same one) picked by number, with their paths. */
function twoSpans(
  root: Json,
  at: number,
  other: number,
): [Path, Record<string, Json>, Path, Record<string, Json>] | undefined {
  const spans = spanPaths(root);
  if (spans.length === 0) return undefined;
  const a = spans[at % spans.length];
  const b = spans[other % spans.length];
  return [a, get(root, a) as Record<string, Json>, b, get(root, b) as Record<string, Json>];
}

/** Applies one mutation in place; returns what it did, or undefined when it had no target. */
function applyMutation(root: Json, m: Mutation): string | undefined {
  const pick = <T>(list: readonly T[], n: number): T | undefined =>
    list.length === 0 ? undefined : list[n % list.length];
  switch (m.kind) {
    case 'replace': {
      const path = pick(allPaths(root), m.at);
      if (!path) return undefined;
      set(root, path, materialize(m.value));
      return `replace ${showPath(path)} with ${short(m.value)}`;
    }
    case 'delete': {
      const path = pick(allPaths(root), m.at);
      if (!path) return undefined;
      const container = get(root, path.slice(0, -1));
      const key = path[path.length - 1];
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete (container as Record<string, Json>)[key];
      return `delete ${showPath(path)}`;
    }
    case 'duplicate': {
      const path = pick(
        allPaths(root).filter((p) => typeof p[p.length - 1] === 'number'),
        m.at,
      );
      if (!path) return undefined;
      const array = get(root, path.slice(0, -1)) as Json[];
      const i = path[path.length - 1] as number;
      array.splice(i + 1, 0, cloneJson(array[i]));
      return `duplicate ${showPath(path)}`;
    }
    case 'swap': {
      const arrays = allPaths(root).filter((p) => {
        const v = get(root, p);
        return Array.isArray(v) && v.length >= 2;
      });
      if (Array.isArray(root) && root.length >= 2) arrays.push([]);
      const path = pick(arrays, m.at);
      if (!path) return undefined;
      const array = get(root, path) as Json[];
      const i = m.at % array.length;
      let j = m.other % array.length;
      if (j === i) j = (i + 1) % array.length;
      [array[i], array[j]] = [array[j], array[i]];
      return `swap ${showPath([...path, i])} and [${j}]`;
    }
    case 'self-parent': {
      const path = pick(spanPaths(root), m.at);
      if (!path) return undefined;
      const span = get(root, path) as Record<string, Json>;
      const field = setParent(span, span[spanIdKey(span)!]);
      return `self-parent ${showPath(path)}.${field} = own id ${short(span[spanIdKey(span)!])}`;
    }
    case 'two-cycle': {
      const two = twoSpans(root, m.at, m.other);
      if (!two) return undefined;
      const [a, sa, b, sb] = two;
      const idA = sa[spanIdKey(sa)!];
      const idB = sb[spanIdKey(sb)!];
      setParent(sa, idB);
      setParent(sb, idA);
      return `two-cycle ${showPath(a)} (${short(idA)}) <-> ${showPath(b)} (${short(idB)})`;
    }
    case 'same-id': {
      const two = twoSpans(root, m.at, m.other);
      if (!two) return undefined;
      const [a, sa, b, sb] = two;
      const id = sb[spanIdKey(sb)!];
      sa[spanIdKey(sa)!] = id;
      return `same-id ${showPath(a)}.${spanIdKey(sa)} = ${short(id)} (id of ${showPath(b)})`;
    }
    case 'bad-time': {
      const path = pick(
        allPaths(root).filter((p) => TIME_KEYS.has(String(p[p.length - 1]))),
        m.at,
      );
      if (!path) return undefined;
      set(root, path, m.value);
      return `bad-time ${showPath(path)} = ${short(m.value)}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries.

const hex = (length: number) =>
  fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: length, maxLength: length }).map((c) => c.join(''));

/**
 * Deep arrays put into documents, by their depth: JSON.stringify and structuredClone recurse
 * and overflow the stack past a few thousand levels, so these are cloned by reference and
 * written out by hand.
 */
const deepArrays = new WeakMap<object, number>();

/** An array nested `depth` deep, built only when applied (fast-check would print it recursively). */
class NestedArray {
  constructor(readonly depth: number) {}
  build(): Json {
    let v: Json = [];
    for (let i = 0; i < this.depth; i++) v = [v];
    deepArrays.set(v as object, this.depth);
    return v;
  }
  [fc.toStringMethod](): string {
    return `[[...]] (${this.depth} deep)`;
  }
}

function materialize(value: Json): Json {
  return value instanceof NestedArray ? value.build() : value;
}

const replacementValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, -0, 1.5, 1e300, -1e300, 2 ** 53 + 2, '', [], {}),
  fc.string({ maxLength: 12 }),
  hex(32),
  hex(16),
  fc.constantFrom(3, 200, 10_000).map((depth) => new NestedArray(depth)),
);

const badTimeValue: fc.Arbitrary<Json> = fc.oneof(
  // Strings: not numbers, negative, exponent forms, and digit strings past 2^53 and past float64.
  fc.constantFrom<Json>(
    '',
    'abc',
    '12x',
    '-5',
    '1e3',
    '1e306',
    '-1',
    '99999999999999999999999999',
    `1${'0'.repeat(400)}`,
  ),
  fc.constantFrom<Json>(null, true, [], {}),
  // Numbers: negative, fractional, past 2^53, and huge enough to overflow once scaled to nanoseconds.
  fc.constantFrom<Json>(
    -1,
    -1e18,
    1.5,
    0,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 63,
    1e20,
    1e300,
    1e306,
    -1e300,
    Number.MAX_VALUE,
  ),
  fc.integer().map((n) => -Math.abs(n)),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: replacementValue }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('self-parent' as const), at: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('two-cycle' as const), at: fc.nat(), other: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('same-id' as const), at: fc.nat(), other: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('bad-time' as const), at: fc.nat(), value: badTimeValue }), weight: 3 },
);

interface TextDamage {
  /** Cut points, as fractions of the text's length. */
  readonly truncations: readonly number[];
  /** Characters replaced at fractions of the text's length. */
  readonly replacements: readonly { readonly at: number; readonly char: string }[];
}

const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const damageChar = fc.oneof(
  fc.constantFrom('"', '{', '}', '[', ']', ',', ':', '\\', '0', '-', 'x', ' ', '\n', '\u0000', '\ufffd', '\ud800', 'é'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const textDamage: fc.Arbitrary<TextDamage> = fc.record({
  truncations: fc.array(fraction, { maxLength: 3 }),
  replacements: fc.array(fc.record({ at: fraction, char: damageChar }), { maxLength: 4 }),
});

const fuzzCase = fc.record({
  sample: fc.nat({ max: SAMPLES.length - 1 }),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 5 }),
  text: textDamage,
});

// ---------------------------------------------------------------------------------------------
// The checks.

/** A broken invariant of a load that did not throw. */
class Violation extends Error {}

/** Throws a Violation saying what is wrong with an outcome, if anything is. */
function checkOutcome(name: string, outcome: LoadOutcome): void {
  if (!outcome.ok) {
    if (!outcome.error.message.startsWith(name))
      throw new Violation(`error message does not start with the file name: ${outcome.error.message}`);
    return;
  }
  for (const [t, trace] of outcome.file.traces.entries()) {
    const n = trace.spans.length;
    const seen = new Uint32Array(n);
    for (const i of trace.tree.preorder) {
      if (!(i >= 0 && i < n)) throw new Violation(`trace ${t}: preorder holds ${i}, not a span index (${n} spans)`);
      seen[i]++;
    }
    if (trace.tree.preorder.length !== n)
      throw new Violation(`trace ${t}: preorder has ${trace.tree.preorder.length} entries for ${n} spans`);
    const wrong = seen.findIndex((c) => c !== 1);
    if (wrong !== -1) throw new Violation(`trace ${t}: span ${wrong} is in the preorder ${seen[wrong]} times`);
    for (const w of trace.warnings)
      if (w.spanIndex !== undefined && !(w.spanIndex >= 0 && w.spanIndex < n))
        throw new Violation(`trace ${t}: warning ${w.code} has spanIndex ${w.spanIndex} (${n} spans): ${w.message}`);
    for (const span of trace.spans) {
      if (!Number.isFinite(span.startNs))
        throw new Violation(`trace ${t}: span ${span.index} (${span.spanId}) has startNs ${span.startNs}`);
      if (!Number.isFinite(span.durationNs))
        throw new Violation(`trace ${t}: span ${span.index} (${span.spanId}) has durationNs ${span.durationNs}`);
      // Deferred attribute lists are read from the input when first asked for.
      void span.attributes;
    }
    const after = throughPostMessage(trace);
    if (after.spans.length !== n) throw new Violation(`trace ${t}: ${n} spans packed, ${after.spans.length} unpacked`);
    for (const span of after.spans) plainSpan(span);
  }
}

function cut(text: string, at: number): number {
  return Math.floor(at * text.length);
}

function damageText(text: string, damage: TextDamage): string {
  const chars = text.split('');
  for (const r of damage.replacements) if (chars.length > 0) chars[cut(text, r.at)] = r.char;
  return chars.join('');
}

/** Every load of one damaged case: the document, its text, truncated and damaged texts. */
function runCase(sample: Sample, mutations: readonly Mutation[], damage: TextDamage): void {
  const doc = structuredClone(sample.doc);
  const done: string[] = [];
  for (const m of mutations) done.push(applyMutation(doc, m) ?? `(${m.kind}: no target)`);
  // The text first: a loader may keep references into the document it was given.
  const lines = sample.jsonLines ? (doc as Json[]).map(toJson) : undefined;
  const text = lines ? lines.join('\n') : toJson(doc);

  const attempts: [string, () => LoadOutcome][] = [
    ['text', () => loadTraceText(sample.name, text)],
    lines
      ? [
          'lines',
          () =>
            loadTraceLines(
              sample.name,
              (doc as Json[]).map((d, i) => ({ line: i + 1, doc: d })),
              [],
            ),
        ]
      : ['document', () => loadTraceDocument(sample.name, doc)],
  ];
  for (const at of damage.truncations) {
    const to = cut(text, at);
    attempts.push([
      `text truncated to ${to} of ${text.length} chars`,
      () => loadTraceText(sample.name, text.slice(0, to)),
    ]);
  }
  if (damage.replacements.length > 0) {
    const where = damage.replacements.map((r) => `${cut(text, r.at)}=${JSON.stringify(r.char)}`).join(', ');
    attempts.push([`text with chars replaced at ${where}`, () => loadTraceText(sample.name, damageText(text, damage))]);
  }

  for (const [label, load] of attempts) {
    try {
      checkOutcome(sample.name, load());
    } catch (e) {
      const reason =
        e instanceof Violation
          ? e.message
          : e instanceof Error
            ? `threw ${e.stack ?? e.message}`
            : `threw ${String(e)}`;
      throw new Error(`${sample.file} [${label}]\nmutations:\n  ${done.join('\n  ')}\n${reason}`, { cause: e });
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** Loads one small input and checks it as the fuzzing does; returns the spans' [startNs, durationNs]. */
function loadSound(text: string): [number, number][] {
  const outcome = loadTraceText('min.json', text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  checkOutcome('min.json', outcome);
  return outcome.file.traces.flatMap((t) => t.spans.map((s): [number, number] => [s.startNs, s.durationNs]));
}

const jaeger = (spans: string) => `{"data":[{"traceID":"1","spans":[${spans}]}]}`;
const jaegerSpan = (id: string, fields: string) => `{"traceID":"1","spanID":"${id}","operationName":"x",${fields}}`;
const zipkinSpan = (id: string, fields: string) => `{"traceId":"1","id":"${id}",${fields}}`;
const otlp = (span: string) =>
  `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"0123456789abcdef0123456789abcdef","spanId":"0123456789abcdef","name":"x",${span}}]}]}]}`;

// Each case below is the smallest input found for one distinct failure of the property above, now fixed.
describe('damaged input: the smallest cases the fuzzing found', () => {
  it('Jaeger: a duration of 1e306 µs is not an infinite durationNs (JaegerSpanReader.durationOf)', () => {
    expect(loadSound(jaeger(jaegerSpan('a', '"startTime":1,"duration":1e306')))).toEqual([[0, expect.any(Number)]]);
  });

  it('Zipkin: a duration of 1e306 µs is not an infinite durationNs (ZipkinSpanWriter.add)', () => {
    expect(loadSound(`[${zipkinSpan('a', '"timestamp":1,"duration":1e306')}]`)).toEqual([[0, expect.any(Number)]]);
  });

  it('a start of 1e306 µs beside a start of 1 µs is not an infinite startNs (finishSpan / epochDiffNs)', () => {
    const text = `[${zipkinSpan('a', '"timestamp":1,"duration":1')},${zipkinSpan('b', '"timestamp":1e306,"duration":1')}]`;
    expect(loadSound(text)).toHaveLength(2);
  });

  it('a lone span starting at Number.MAX_VALUE µs does not get a NaN startNs (epochFromMicros)', () => {
    expect(loadSound(jaeger(jaegerSpan('a', '"startTime":1.7976931348623157e308,"duration":1')))).toEqual([[0, 1000]]);
  });

  it('OTLP: a startTimeUnixNano of 401 digits does not give a NaN startNs (epochFromNanos)', () => {
    expect(loadSound(otlp(`"startTimeUnixNano":"1${'0'.repeat(400)}","endTimeUnixNano":"2"`))).toEqual([[0, 0]]);
  });

  it('a value nested 10,000 arrays deep is a warning, not a file that cannot be read (JSON.stringify of input values)', () => {
    // The property above accepts the error (it names the file), but every span of the file is lost.
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const texts = {
      'jaeger duration': jaeger(jaegerSpan('a', `"startTime":1,"duration":${deep}`)),
      'jaeger tag value': jaeger(
        jaegerSpan('a', `"startTime":1,"duration":1,"tags":[{"key":"k","type":"string","value":${deep}}]`),
      ),
      'zipkin timestamp': `[${zipkinSpan('a', `"timestamp":${deep},"duration":1`)}]`,
      'zipkin v2 tag value': `[${zipkinSpan('a', `"timestamp":1,"duration":1,"tags":{"k":${deep}}`)}]`,
      'zipkin v1 binary annotation value': `[${zipkinSpan('a', `"timestamp":1,"duration":1,"binaryAnnotations":[{"key":"k","value":${deep}}]`)}]`,
    };
    const outcomes = Object.fromEntries(
      Object.entries(texts).map(([where, text]) => {
        const outcome = loadTraceText('min.json', text);
        return [where, outcome.ok ? 'ok' : outcome.error.message];
      }),
    );
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(texts).map((where) => [where, 'ok'])));
  });
});

describe('damaged corpus files', () => {
  it('has loadable files to damage', () => {
    expect(SAMPLES.length).toBeGreaterThan(20);
    expect(SAMPLES.some((s) => s.jsonLines)).toBe(true);
  });

  it('never throw, and keep every span in the tree, the warnings and the packed trace', () => {
    fc.assert(
      fc.property(fuzzCase, ({ sample, mutations, text }) => runCase(SAMPLES[sample], mutations, text)),
      { numRuns: 500 },
    );
  });
});
