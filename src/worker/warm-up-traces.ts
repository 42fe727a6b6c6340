// Small made-up traces in each common format, read by the worker while the page is idle so that
// the first real file runs on code the engine has already compiled and tuned: a cold reader
// takes about twice as long as a warm one over the same file. Their shape is what real
// instrumentation writes (typed tags, events, references, several services), so that the code
// paths warmed are the ones real files take.

const SERVICES = ['frontend', 'checkout', 'payments', 'inventory', 'postgres'];
const OPERATIONS = ['GET /api/cart', 'POST /checkout', 'charge', 'reserve', 'SELECT items'];
const EPOCH_US = 1_764_000_000_000_000;

/** Hex id of `width` digits for span `n` of a warm-up trace. */
function hexId(n: number, width: number): string {
  return (n + 1).toString(16).padStart(width, '0');
}

interface MadeUpSpan {
  readonly id: string;
  readonly parent: string | undefined;
  readonly service: number;
  readonly startUs: number;
  readonly durationUs: number;
  readonly error: boolean;
}

/**
 * A tree `spanCount` spans wide and a few deep: span n's parent is span (n - 1) / 3, and each
 * child runs within a quarter of its parent, so that the trace reads without warnings.
 */
function madeUpSpans(spanCount: number): MadeUpSpan[] {
  const spans: MadeUpSpan[] = [];
  for (let n = 0; n < spanCount; n++) {
    const p = n === 0 ? undefined : spans[Math.floor((n - 1) / 3)];
    const slot = (n - 1) % 3;
    const startUs = p === undefined ? EPOCH_US : p.startUs + 10 + slot * Math.floor(p.durationUs / 4);
    spans.push({
      id: hexId(n, 16),
      parent: p?.id,
      service: n % SERVICES.length,
      startUs,
      durationUs: p === undefined ? 2_000_000 : Math.floor(p.durationUs / 4) - 20,
      error: n % 29 === 0,
    });
  }
  return spans;
}

function jaegerText(traceId: string, spans: readonly MadeUpSpan[]): string {
  const processes: Record<string, unknown> = {};
  SERVICES.forEach((serviceName, k) => {
    processes[`p${k + 1}`] = {
      serviceName,
      tags: [
        { key: 'hostname', type: 'string', value: `${serviceName}-7f9c` },
        { key: 'ip', type: 'string', value: `10.0.0.${k + 1}` },
      ],
    };
  });
  const data = spans.map((s, n) => ({
    traceID: traceId,
    spanID: s.id,
    operationName: OPERATIONS[s.service],
    references: s.parent === undefined ? [] : [{ refType: 'CHILD_OF', traceID: traceId, spanID: s.parent }],
    startTime: s.startUs,
    duration: s.durationUs,
    tags: [
      { key: 'span.kind', type: 'string', value: n % 2 === 0 ? 'server' : 'client' },
      { key: 'http.status_code', type: 'int64', value: s.error ? 500 : 200 },
      { key: 'error', type: 'bool', value: s.error },
      { key: 'sampler.param', type: 'float64', value: 0.25 },
    ],
    logs: s.error ? [{ timestamp: s.startUs + 5, fields: [{ key: 'event', type: 'string', value: 'error' }] }] : [],
    processID: `p${s.service + 1}`,
    warnings: null,
  }));
  return JSON.stringify({ data: [{ traceID: traceId, spans: data, processes, warnings: null }] });
}

function otlpText(traceId: string, spans: readonly MadeUpSpan[]): string {
  const resourceSpans = SERVICES.map((serviceName, k) => ({
    resource: { attributes: [{ key: 'service.name', value: { stringValue: serviceName } }] },
    scopeSpans: [
      {
        scope: { name: 'io.opentelemetry.http', version: '1.40.0' },
        spans: spans
          .filter((s) => s.service === k)
          .map((s, n) => ({
            traceId,
            spanId: s.id,
            parentSpanId: s.parent ?? '',
            name: OPERATIONS[s.service],
            kind: n % 2 === 0 ? 2 : 3,
            startTimeUnixNano: `${s.startUs}000`,
            endTimeUnixNano: `${s.startUs + s.durationUs}000`,
            attributes: [
              { key: 'http.request.method', value: { stringValue: 'GET' } },
              { key: 'http.response.status_code', value: { intValue: s.error ? '500' : '200' } },
              { key: 'retry', value: { boolValue: false } },
              { key: 'ratio', value: { doubleValue: 0.5 } },
            ],
            events: s.error ? [{ timeUnixNano: `${s.startUs + 5}000`, name: 'exception', attributes: [] }] : [],
            status: { code: s.error ? 2 : 0 },
          })),
      },
    ],
  }));
  return JSON.stringify({ resourceSpans });
}

function zipkinText(traceId: string, spans: readonly MadeUpSpan[]): string {
  return JSON.stringify(
    spans.map((s, n) => ({
      traceId,
      id: s.id,
      parentId: s.parent,
      name: OPERATIONS[s.service].toLowerCase(),
      kind: n % 2 === 0 ? 'SERVER' : 'CLIENT',
      timestamp: s.startUs,
      duration: s.durationUs,
      localEndpoint: { serviceName: SERVICES[s.service], ipv4: '10.0.0.1' },
      tags: s.error ? { error: 'timeout', 'http.path': '/api' } : { 'http.path': '/api' },
      annotations: s.error ? [{ timestamp: s.startUs + 5, value: 'ws' }] : [],
    })),
  );
}

export interface WarmUpFile {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** One made-up file per common format, `spanCount` spans each. */
export function warmUpFiles(spanCount: number): WarmUpFile[] {
  const spans = madeUpSpans(spanCount);
  const encoder = new TextEncoder();
  const traceId = hexId(7, 32);
  return [
    { fileName: 'warm-up-jaeger.json', bytes: encoder.encode(jaegerText(traceId, spans)) },
    { fileName: 'warm-up-otlp.json', bytes: encoder.encode(otlpText(traceId, spans)) },
    { fileName: 'warm-up-zipkin.json', bytes: encoder.encode(zipkinText(traceId, spans)) },
  ];
}
