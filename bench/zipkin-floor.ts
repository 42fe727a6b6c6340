// The least a Zipkin v2 reader built on JSON.parse can cost: JSON.parse, then each span's
// fields copied into columns, its parent found by id and the start times sorted. It has none of
// Zipkin's semantics (no span objects, id normalization, shared client/server spans, events,
// resources or warnings), so no real reader is faster. The parse benchmark prints it beside our
// Zipkin figure: Zipkin's JSON is so compact that this floor alone comes near 1.5× JSON.parse.

interface ZipkinSpanJson {
  readonly id?: unknown;
  readonly parentId?: unknown;
  readonly name?: unknown;
  readonly timestamp?: unknown;
  readonly duration?: unknown;
  readonly localEndpoint?: { readonly serviceName?: unknown };
  readonly tags?: Record<string, unknown>;
}

/** Reads `text` (a flat Zipkin v2 array, as the benchmark generates) that way; returns a number so that nothing is optimized away. */
export function zipkinFloor(text: string): number {
  const spans = JSON.parse(text) as readonly ZipkinSpanJson[];
  const n = spans.length;
  const start = new Float64Array(n);
  const duration = new Float64Array(n);
  const nameWord = new Int32Array(n);
  const serviceWord = new Int32Array(n);
  const parent = new Int32Array(n);
  const words = new Map<unknown, number>();
  const word = (value: unknown): number => {
    let w = words.get(value);
    if (w === undefined) {
      w = words.size;
      words.set(value, w);
    }
    return w;
  };
  const indexById = new Map<unknown, number>();
  let tagCount = 0;
  for (let i = 0; i < n; i++) {
    const span = spans[i];
    start[i] = Number(span.timestamp);
    duration[i] = Number(span.duration);
    nameWord[i] = word(span.name);
    serviceWord[i] = word(span.localEndpoint?.serviceName);
    // A real reader must at least look at every tag to know its type.
    const tags = span.tags;
    if (tags !== undefined) for (const key in tags) if (typeof tags[key] === 'string') tagCount++;
    if (!indexById.has(span.id)) indexById.set(span.id, i);
  }
  for (let i = 0; i < n; i++)
    parent[i] = spans[i].parentId === undefined ? -1 : (indexById.get(spans[i].parentId) ?? -1);
  const order = Float64Array.from(start).sort();
  return order.length + tagCount + parent[n - 1] + nameWord[n - 1] + serviceWord[n - 1] + duration[n - 1];
}
