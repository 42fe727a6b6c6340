// Writes public/demo-trace.json: one retrieval-augmented-generation request across eight
// services, as OTLP/JSON. Everything is fixed (ids come from a seeded PRNG), so running it
// twice gives the same file. The timings are chosen to tell one story: the LLM call is
// about 70% of the request and one slow vector-db shard is the next thing worth fixing.
//
// Run: node bench/make-demo-trace.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '../public/demo-trace.json');

// 2026-11-20T10:00:00.041732105Z: a start that is not on a round second shows real precision.
const TRACE_START_NS = BigInt(Date.UTC(2026, 10, 20, 10, 0, 0)) * 1_000_000n + 41_732_105n;

const KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };
const STATUS_ERROR = 2;

// mulberry32: a tiny seeded PRNG, enough for ids that look random but never change.
let prngState = 0x2a9e_11c3;
function nextUint32() {
  prngState = (prngState + 0x6d2b79f5) | 0;
  let t = prngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
function hexId(bytes) {
  let hex = '';
  for (let i = 0; i < bytes / 4; i++) hex += nextUint32().toString(16).padStart(8, '0');
  return hex;
}

const TRACE_ID = hexId(16);

/** A double that must stay a double even when it happens to be whole. */
const dbl = (value) => ({ double: value });

function anyValue(value) {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (value && typeof value.double === 'number') return { doubleValue: value.double };
  throw new Error(`unsupported attribute value ${JSON.stringify(value)}`);
}

function attributes(record) {
  return Object.entries(record).map(([key, value]) => ({ key, value: anyValue(value) }));
}

const ms = (milliseconds) => Math.round(milliseconds * 1e6);
/** A latency attribute in seconds (as vLLM reports them), from milliseconds. */
const seconds = (milliseconds) => dbl(Math.round(milliseconds * 1000) / 1e6);
const epochNs = (offsetNs) => String(TRACE_START_NS + BigInt(offsetNs));

// ---- services and their instrumentation scopes ----

const SDK = {
  go: { 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.language': 'go', 'telemetry.sdk.version': '1.32.0' },
  python: {
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.language': 'python',
    'telemetry.sdk.version': '1.28.2',
  },
  java: { 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.language': 'java', 'telemetry.sdk.version': '1.44.1' },
  nodejs: {
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.version': '1.29.0',
  },
  rust: { 'telemetry.sdk.name': 'opentelemetry', 'telemetry.sdk.language': 'rust', 'telemetry.sdk.version': '0.27.1' },
};

const ENV = { 'deployment.environment.name': 'production', 'cloud.provider': 'aws', 'cloud.region': 'eu-west-1' };

const SERVICES = {
  gateway: {
    resource: {
      'service.name': 'api-gateway',
      'service.version': '2.14.3',
      'host.name': 'api-gateway-7f9c4d6b8-2xk8p',
      ...SDK.go,
      ...ENV,
    },
  },
  orchestrator: {
    resource: {
      'service.name': 'rag-orchestrator',
      'service.version': '1.9.0',
      'service.namespace': 'assistant',
      'host.name': 'rag-orchestrator-5d8b7c9f4-qm2vz',
      'process.runtime.name': 'cpython',
      'process.runtime.version': '3.12.7',
      ...SDK.python,
      ...ENV,
    },
  },
  embedding: {
    resource: {
      'service.name': 'embedding-service',
      'service.version': '0.31.2',
      'host.name': 'gpu-node-a10g-03',
      ...SDK.python,
      ...ENV,
    },
  },
  vectorDb: {
    resource: {
      'service.name': 'vector-db',
      'service.version': '1.12.4',
      'host.name': 'qdrant-2',
      ...SDK.rust,
      ...ENV,
    },
  },
  docStore: {
    resource: {
      'service.name': 'doc-store',
      'service.version': '4.2.0',
      'host.name': 'doc-store-6c4f9b7d5-r8tnw',
      'process.runtime.name': 'OpenJDK Runtime Environment',
      'process.runtime.version': '21.0.5+11-LTS',
      ...SDK.java,
      ...ENV,
    },
  },
  llmGateway: {
    resource: {
      'service.name': 'llm-gateway',
      'service.version': '3.0.1',
      'host.name': 'llm-gateway-84d6f5c7b9-lx4hd',
      ...SDK.nodejs,
      ...ENV,
    },
  },
  inference: {
    resource: {
      'service.name': 'inference-server',
      'service.version': '0.6.4',
      'host.name': 'gpu-node-h100-11',
      ...SDK.python,
      ...ENV,
    },
  },
  guardrail: {
    resource: {
      'service.name': 'guardrail-service',
      'service.version': '1.3.7',
      'host.name': 'guardrail-service-59b8d7f6c-9wjkq',
      ...SDK.python,
      ...ENV,
    },
  },
};

const SCOPES = {
  otelhttp: { name: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp', version: '0.57.0' },
  gatewayAuth: { name: 'github.com/acme/api-gateway/internal/auth', version: '2.14.3' },
  fastapi: { name: 'opentelemetry.instrumentation.fastapi', version: '0.49b2' },
  httpx: { name: 'opentelemetry.instrumentation.httpx', version: '0.49b2' },
  openai: { name: 'opentelemetry.instrumentation.openai_v2', version: '2.0b0' },
  pipeline: { name: 'rag_orchestrator.pipeline', version: '1.9.0' },
  qdrantClient: { name: 'opentelemetry.instrumentation.qdrant', version: '0.33.9' },
  embeddingModel: { name: 'embedding_service.model', version: '0.31.2' },
  qdrant: { name: 'qdrant::tonic', version: '1.12.4' },
  springWeb: { name: 'io.opentelemetry.spring-webmvc-6.0', version: '2.10.0-alpha' },
  docStoreApp: { name: 'com.acme.docstore.DocumentService', version: '4.2.0' },
  lettuce: { name: 'io.opentelemetry.lettuce-5.1', version: '2.10.0-alpha' },
  jdbc: { name: 'io.opentelemetry.jdbc', version: '2.10.0-alpha' },
  nodeHttp: { name: '@opentelemetry/instrumentation-http', version: '0.56.0' },
  undici: { name: '@opentelemetry/instrumentation-undici', version: '0.9.0' },
  router: { name: 'llm-gateway.router', version: '3.0.1' },
  vllm: { name: 'vllm.engine', version: '0.6.4' },
  guardrails: { name: 'guardrail_service.checks', version: '1.3.7' },
};

// ---- span construction ----

const spans = [];

/**
 * Adds a span. Times are milliseconds from the trace start; `durationNs` overrides the end for
 * spans too short to write in milliseconds.
 */
function span(parent, service, scope, kind, name, startMs, endMs, options = {}) {
  // Clocks tick in nanoseconds, not in the microseconds the timings above are written in.
  const startNs = ms(startMs) + (nextUint32() % 1000);
  const endNs = options.durationNs !== undefined ? startNs + options.durationNs : ms(endMs) + (nextUint32() % 1000);
  const record = {
    service,
    scope,
    traceId: TRACE_ID,
    spanId: hexId(8),
    parentSpanId: parent ? parent.spanId : '',
    name,
    kind: KIND[kind],
    startNs,
    endNs,
    attributes: options.attributes ?? {},
    events: options.events ?? [],
    status: options.error ? { code: STATUS_ERROR, message: options.error } : {},
  };
  spans.push(record);
  return record;
}

const event = (atMs, name, attrs = {}) => ({ atNs: ms(atMs), name, attributes: attrs });

const S = SERVICES;
const C = SCOPES;

// 1. The edge: api-gateway receives the request, authenticates, rate-limits and forwards it.
const root = span(null, S.gateway, C.otelhttp, 'server', 'POST /v1/answer', 0, 2412.384, {
  attributes: {
    'http.request.method': 'POST',
    'http.route': '/v1/answer',
    'url.path': '/v1/answer',
    'url.scheme': 'https',
    'server.address': 'api.acme-assist.example',
    'server.port': 443,
    'client.address': '203.0.113.24',
    'user_agent.original': 'acme-assist-web/5.2.0 (Macintosh; Intel Mac OS X 14_6)',
    'network.protocol.version': '2',
    'http.request.body.size': 412,
    'http.response.status_code': 200,
    'http.response.body.size': 5821,
  },
});
const auth = span(root, S.gateway, C.gatewayAuth, 'internal', 'auth.verify_jwt', 0.214, 1.487, {
  attributes: {
    'auth.scheme': 'bearer',
    'auth.jwt.kid': 'k-2026-11',
    'auth.jwt.alg': 'ES256',
    'enduser.id': 'u_48213',
  },
});
span(auth, S.gateway, C.gatewayAuth, 'internal', 'jwks.cache_lookup', 0.251, 0, {
  durationNs: 750,
  attributes: { 'cache.name': 'jwks', 'cache.hit': true, 'cache.entries': 3 },
});
span(root, S.gateway, C.gatewayAuth, 'internal', 'ratelimit.check', 1.522, 0, {
  durationNs: 938,
  attributes: {
    'ratelimit.bucket': 'tenant:acme-corp',
    'ratelimit.remaining': 187,
    'ratelimit.limit': 200,
    'ratelimit.allowed': true,
  },
});
const toOrchestrator = span(root, S.gateway, C.otelhttp, 'client', 'POST /answer', 1.713, 2409.902, {
  attributes: {
    'http.request.method': 'POST',
    'url.full': 'http://rag-orchestrator.assistant.svc:8080/answer',
    'server.address': 'rag-orchestrator.assistant.svc',
    'server.port': 8080,
    'http.response.status_code': 200,
    'network.protocol.version': '1.1',
  },
});
span(root, S.gateway, C.otelhttp, 'internal', 'response.compress', 2410.021, 2411.904, {
  attributes: { 'compression.algorithm': 'br', 'compression.input_bytes': 14730, 'compression.output_bytes': 5821 },
});

// 2. The orchestrator runs the pipeline.
const QUESTION = 'How do I rotate our SSO signing keys without logging anyone out of my app?';
const SESSION_ID = 'sess-7c1e9a40-acme';
const answer = span(toOrchestrator, S.orchestrator, C.fastapi, 'server', 'POST /answer', 2.352, 2409.118, {
  attributes: {
    'http.request.method': 'POST',
    'http.route': '/answer',
    'url.path': '/answer',
    'url.scheme': 'http',
    'server.address': 'rag-orchestrator.assistant.svc',
    'server.port': 8080,
    'http.response.status_code': 200,
    'rag.tenant': 'acme-corp',
    'rag.query.length': QUESTION.length,
    'session.id': SESSION_ID,
  },
});

// 2a. Query embedding: the first attempt loses its connection, the retry succeeds.
const embedQuery = span(answer, S.orchestrator, C.pipeline, 'internal', 'embed_query', 2.905, 113.472, {
  attributes: { 'rag.step': 'embed', 'rag.retry.attempts': 2 },
  events: [
    event(33.702, 'retry', {
      'retry.attempt': 1,
      'retry.delay_ms': dbl(40.0),
      'error.type': 'httpx.RemoteProtocolError',
    }),
  ],
});
const embeddingClientAttributes = {
  'gen_ai.operation.name': 'embeddings',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'text-embedding-3-small',
  'gen_ai.request.encoding_formats': ['float'],
  'server.address': 'embedding-service.assistant.svc',
  'server.port': 8000,
};
const STACKTRACE = [
  'Traceback (most recent call last):',
  '  File "/app/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 72, in map_httpcore_exceptions',
  '    yield',
  '  File "/app/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 377, in handle_async_request',
  '    resp = await self._pool.handle_async_request(req)',
  '  File "/app/.venv/lib/python3.12/site-packages/httpcore/_async/connection_pool.py", line 216, in handle_async_request',
  '    raise exc from None',
  'httpcore.RemoteProtocolError: Server disconnected without sending a response.',
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/app/rag_orchestrator/clients/embeddings.py", line 61, in embed',
  '    response = await self._http.post("/v1/embeddings", json=payload, timeout=self._timeout)',
  '  File "/app/.venv/lib/python3.12/site-packages/httpx/_client.py", line 1905, in post',
  '    return await self.request(',
  '  File "/app/.venv/lib/python3.12/site-packages/httpx/_transports/default.py", line 89, in map_httpcore_exceptions',
  '    raise mapped_exc(message) from exc',
  'httpx.RemoteProtocolError: Server disconnected without sending a response.',
].join('\n');
span(embedQuery, S.orchestrator, C.openai, 'client', 'embeddings text-embedding-3-small', 3.118, 33.541, {
  error: 'Server disconnected without sending a response.',
  attributes: { ...embeddingClientAttributes, 'error.type': 'httpx.RemoteProtocolError' },
  events: [
    event(33.529, 'exception', {
      'exception.type': 'httpx.RemoteProtocolError',
      'exception.message': 'Server disconnected without sending a response.',
      'exception.stacktrace': STACKTRACE,
      'exception.escaped': false,
    }),
  ],
});
const embedRetry = span(
  embedQuery,
  S.orchestrator,
  C.openai,
  'client',
  'embeddings text-embedding-3-small',
  73.918,
  113.106,
  {
    attributes: {
      ...embeddingClientAttributes,
      'http.request.resend_count': 1,
      'gen_ai.response.model': 'text-embedding-3-small',
      'gen_ai.usage.input_tokens': 17,
    },
  },
);
const embedServer = span(embedRetry, S.embedding, C.fastapi, 'server', 'POST /v1/embeddings', 74.806, 112.377, {
  attributes: {
    'http.request.method': 'POST',
    'http.route': '/v1/embeddings',
    'url.path': '/v1/embeddings',
    'http.response.status_code': 200,
    'gen_ai.operation.name': 'embeddings',
    'gen_ai.request.model': 'text-embedding-3-small',
    'gen_ai.usage.input_tokens': 17,
  },
});
span(embedServer, S.embedding, C.embeddingModel, 'internal', 'tokenize', 75.113, 75.702, {
  attributes: { 'tokenizer.name': 'cl100k_base', 'tokenizer.input_chars': 74, 'tokenizer.output_tokens': 17 },
});
span(embedServer, S.embedding, C.embeddingModel, 'internal', 'model.forward', 75.811, 111.698, {
  attributes: {
    'model.device': 'cuda:0',
    'model.batch_size': 1,
    'model.dtype': 'float16',
    'embedding.dimensions': 1536,
  },
});
span(embedServer, S.embedding, C.embeddingModel, 'internal', 'l2_normalize', 111.723, 0, {
  durationNs: 871,
  attributes: { 'embedding.dimensions': 1536, 'embedding.norm_before': dbl(11.482) },
});

// 2b. Vector search fans out to four shards in parallel; shard 2 waits on a segment optimizer.
const vectorSearch = span(answer, S.orchestrator, C.pipeline, 'internal', 'vector_search', 113.941, 370.233, {
  attributes: { 'rag.step': 'retrieve', 'db.collection.name': 'kb-chunks-v7', 'rag.top_k': 40, 'rag.shard_count': 4 },
});
const SHARDS = [
  { start: 114.202, end: 166.915, segments: 3, hits: 40 },
  { start: 114.263, end: 159.448, segments: 3, hits: 40 },
  { start: 114.301, end: 369.474, segments: 14, hits: 40, optimizerWaitMs: 143.0 },
  { start: 114.358, end: 173.201, segments: 4, hits: 40 },
];
SHARDS.forEach((shard, n) => {
  const client = span(
    vectorSearch,
    S.orchestrator,
    C.qdrantClient,
    'client',
    `search kb-chunks-v7/shard-${n}`,
    shard.start,
    shard.end,
    {
      attributes: {
        'db.system': 'qdrant',
        'db.operation.name': 'search',
        'db.collection.name': 'kb-chunks-v7',
        'db.qdrant.shard_id': n,
        'db.qdrant.search.limit': 40,
        'db.qdrant.search.with_payload': true,
        'server.address': `qdrant-${n}.vector-db.svc`,
        'server.port': 6334,
      },
    },
  );
  const serverStart = shard.start + 0.402;
  const serverEnd = shard.end - 0.517;
  const server = span(
    client,
    S.vectorDb,
    C.qdrant,
    'server',
    'qdrant.PointsInternal/CoreSearchBatch',
    serverStart,
    serverEnd,
    {
      attributes: {
        'rpc.system': 'grpc',
        'rpc.service': 'qdrant.PointsInternal',
        'rpc.method': 'CoreSearchBatch',
        'rpc.grpc.status_code': 0,
        'qdrant.shard_id': n,
        'qdrant.segments_searched': shard.segments,
        'qdrant.points_returned': shard.hits,
      },
    },
  );
  let searchStart = serverStart + 0.118;
  if (shard.optimizerWaitMs) {
    span(
      server,
      S.vectorDb,
      C.qdrant,
      'internal',
      'segment.optimizer.wait',
      searchStart,
      searchStart + shard.optimizerWaitMs,
      {
        attributes: {
          'qdrant.optimizer': 'merge',
          'qdrant.optimizer.segments_pending': 11,
          'qdrant.lock': 'segment_holder.read',
        },
        events: [event(searchStart + 0.02, 'optimizer.busy', { 'qdrant.optimizer.progress': dbl(0.62) })],
      },
    );
    searchStart += shard.optimizerWaitMs + 0.061;
  }
  span(server, S.vectorDb, C.qdrant, 'internal', 'hnsw.search', searchStart, serverEnd - 0.094, {
    attributes: {
      'qdrant.hnsw.ef': 128,
      'qdrant.segments': shard.segments,
      'qdrant.vectors_scored': 2410 * shard.segments,
      'qdrant.indexed_only': false,
    },
  });
});
span(vectorSearch, S.orchestrator, C.pipeline, 'internal', 'merge_results', 369.551, 370.112, {
  attributes: {
    'rag.candidates.in': 160,
    'rag.candidates.out': 40,
    'rag.score.min': dbl(0.7134),
    'rag.score.max': dbl(0.9121),
  },
});

// 2c. Document retrieval: four parallel fetches; one is served from redis, three go to postgres.
const DOCS = [
  {
    id: 'kb-4417',
    start: 370.722,
    end: 372.908,
    cached: true,
    score: 0.9121,
    title: 'SSO: rotating signing keys',
    content:
      'Signing keys are rotated in two phases. First publish the new key in the JWKS endpoint next to the old one and wait at least one JWKS cache lifetime (default 10 minutes) so every service trusts both. Then switch token issuance to the new key. Sessions signed with the old key stay valid until they expire.',
  },
  {
    id: 'kb-0932',
    start: 370.787,
    end: 413.375,
    cached: false,
    queryMs: 38.9,
    warmCache: true,
    score: 0.8874,
    title: 'JWKS caching in the API gateway',
    content:
      'The gateway caches the JWKS document for 10 minutes (jwks.cache_ttl). A key published less than one TTL ago may be unknown to some gateway replicas; tokens signed with it are rejected with 401 until the cache refreshes.',
  },
  {
    id: 'kb-2761',
    start: 370.841,
    end: 401.663,
    cached: false,
    queryMs: 27.6,
    score: 0.8312,
    title: 'Removing a retired key',
    content:
      'Remove the old key from JWKS only after the longest session lifetime has passed (refresh tokens: 30 days). Removing it earlier logs out every user whose session was signed with it.',
  },
  {
    id: 'kb-3308',
    start: 370.896,
    end: 463.445,
    cached: false,
    queryMs: 88.7,
    score: 0.7904,
    title: 'Audit log of key changes',
    content: 'Every key rotation is written to the security audit log with the operator, key id and time.',
  },
];
// The retrieved documents, ranked, as OpenInference records them (retrieval.documents.N.document.*).
const retrievedDocuments = {};
DOCS.forEach((doc, n) => {
  retrievedDocuments[`retrieval.documents.${n}.document.id`] = doc.id;
  retrievedDocuments[`retrieval.documents.${n}.document.score`] = dbl(doc.score);
  retrievedDocuments[`retrieval.documents.${n}.document.content`] = doc.content;
  retrievedDocuments[`retrieval.documents.${n}.document.metadata`] = JSON.stringify({
    title: doc.title,
    source: 'kb-chunks-v7',
  });
});
const retrieve = span(answer, S.orchestrator, C.pipeline, 'internal', 'retrieve_documents', 370.504, 463.866, {
  attributes: {
    'rag.step': 'fetch',
    'rag.documents.requested': 4,
    'gen_ai.operation.name': 'retrieval',
    'gen_ai.data_source.id': 'kb-chunks-v7',
    ...retrievedDocuments,
  },
});
for (const doc of DOCS) {
  const client = span(retrieve, S.orchestrator, C.httpx, 'client', 'GET /documents/{doc_id}', doc.start, doc.end, {
    attributes: {
      'http.request.method': 'GET',
      'url.full': `http://doc-store.assistant.svc:8080/documents/${doc.id}`,
      'server.address': 'doc-store.assistant.svc',
      'server.port': 8080,
      'http.response.status_code': 200,
    },
  });
  const serverStart = doc.start + 0.311;
  const serverEnd = doc.end - 0.287;
  const server = span(client, S.docStore, C.springWeb, 'server', 'GET /documents/{docId}', serverStart, serverEnd, {
    attributes: {
      'http.request.method': 'GET',
      'http.route': '/documents/{docId}',
      'url.path': `/documents/${doc.id}`,
      'http.response.status_code': 200,
      'docstore.document.id': doc.id,
      'docstore.cache.hit': doc.cached,
    },
  });
  let t = serverStart + 0.085;
  if (doc.cached) {
    span(server, S.docStore, C.docStoreApp, 'internal', 'local_cache.get', t, 0, {
      durationNs: 750,
      attributes: { 'cache.name': 'documents-l1', 'cache.hit': false, 'cache.size': 512 },
    });
    t += 0.004;
  }
  const redisMs = doc.cached ? 0.348 : 0.279;
  span(server, S.docStore, C.lettuce, 'client', 'GET', t, t + redisMs, {
    attributes: {
      'db.system': 'redis',
      'db.operation': 'GET',
      'db.statement': `GET doc:${doc.id}`,
      'db.redis.database_index': 0,
      'server.address': 'redis-docs.assistant.svc',
      'server.port': 6379,
      'cache.hit': doc.cached,
    },
  });
  t += redisMs + 0.052;
  if (doc.cached) continue;
  span(server, S.docStore, C.jdbc, 'client', 'SELECT docstore.documents', t, t + doc.queryMs, {
    attributes: {
      'db.system': 'postgresql',
      'db.name': 'docstore',
      'db.user': 'docstore_ro',
      'db.operation': 'SELECT',
      'db.sql.table': 'documents',
      'db.statement':
        'SELECT d.id, d.title, d.body, d.source_url, d.updated_at FROM documents d WHERE d.id = ? AND d.tenant_id = ?',
      'server.address': 'pg-docstore-replica-1.assistant.svc',
      'server.port': 5432,
      'db.response.returned_rows': 1,
    },
  });
  t += doc.queryMs + 0.041;
  if (doc.warmCache) {
    span(server, S.docStore, C.lettuce, 'client', 'SETEX', t, t + 0.233, {
      attributes: {
        'db.system': 'redis',
        'db.operation': 'SETEX',
        'db.statement': `SETEX doc:${doc.id} 3600 ?`,
        'db.redis.database_index': 0,
        'server.address': 'redis-docs.assistant.svc',
        'server.port': 6379,
      },
    });
  }
}

// 2d. Context assembly: rerank the chunks, then cut them down to the prompt's token budget.
const assemble = span(answer, S.orchestrator, C.pipeline, 'internal', 'assemble_context', 464.18, 571.513, {
  attributes: { 'rag.step': 'assemble', 'rag.chunks.in': 40 },
});
span(assemble, S.orchestrator, C.pipeline, 'internal', 'rerank', 464.374, 545.96, {
  attributes: {
    'rerank.model': 'BAAI/bge-reranker-v2-m3',
    'rerank.device': 'cpu',
    'rerank.candidates': 40,
    'rerank.top_n': 12,
    'rerank.score.threshold': dbl(0.35),
  },
});
const truncate = span(assemble, S.orchestrator, C.pipeline, 'internal', 'truncate_to_token_budget', 546.119, 571.302, {
  attributes: {
    'rag.token_budget': 6000,
    'rag.tokens.before': 9812,
    'rag.tokens.after': 5962,
    'rag.chunks.dropped': 4,
  },
});
span(truncate, S.orchestrator, C.pipeline, 'internal', 'tiktoken.encode', 546.233, 570.918, {
  attributes: { 'tokenizer.name': 'o200k_base', 'tokenizer.input_chars': 41207, 'tokenizer.output_tokens': 9812 },
});
span(truncate, S.orchestrator, C.pipeline, 'internal', 'token_budget.check', 571.005, 0, {
  durationNs: 642,
  attributes: { 'rag.token_budget': 6000, 'rag.tokens.after': 5962, 'rag.within_budget': true },
});

// 2e. LLM inference, streamed: the bulk of the request.
const LLM_MODEL = 'llama-3.1-8b-instruct';
const LLM_RESPONSE_MODEL = 'meta-llama/Llama-3.1-8B-Instruct';
const INPUT_TOKENS = 6187;
const OUTPUT_TOKENS = 264;
const CHAT_START = 571.888;
const QUEUE_END = 601.551;
const FIRST_TOKEN = 756.117;
const DECODE_END = 2255.66;
const CHAT_END = 2257.944;

const chatRequest = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.request.model': LLM_MODEL,
  'gen_ai.request.max_tokens': 1024,
  'gen_ai.request.temperature': dbl(0.2),
  'gen_ai.request.top_p': dbl(0.9),
};
const chatResponse = {
  'gen_ai.response.model': LLM_RESPONSE_MODEL,
  'gen_ai.response.id': 'chatcmpl-8f3c2a91d4e04b7c9a61f0e2b5d7c3a8',
  'gen_ai.response.finish_reasons': ['stop'],
  'gen_ai.usage.input_tokens': INPUT_TOKENS,
  'gen_ai.usage.output_tokens': OUTPUT_TOKENS,
};
// What the model saw and said, as the current OpenTelemetry GenAI conventions record it.
const SYSTEM_PROMPT =
  'You are the acme-corp internal help assistant. Answer only from the numbered context documents and cite them as [kb-id]. If the context does not answer the question, say so.';
const context = DOCS.map((doc) => `[${doc.id}] ${doc.title}\n${doc.content}`).join('\n\n');
const ANSWER = [
  'Rotate the keys in two phases so no session breaks:',
  '',
  '1. **Publish the new key next to the old one** in the JWKS endpoint and wait at least one JWKS cache lifetime (10 minutes by default), so every gateway replica trusts both keys [kb-4417][kb-0932].',
  '2. **Switch token issuance** to the new key. Sessions signed with the old key stay valid until they expire [kb-4417].',
  '3. **Remove the old key** only after the longest session lifetime has passed: 30 days for refresh tokens. Removing it earlier logs out every user whose session it signed [kb-2761].',
  '',
  'The rotation is recorded in the security audit log [kb-3308].',
].join('\n');
const chatConversation = {
  'gen_ai.conversation.id': SESSION_ID,
  'gen_ai.system_instructions': JSON.stringify([{ type: 'text', content: SYSTEM_PROMPT }]),
  'gen_ai.input.messages': JSON.stringify([
    { role: 'user', parts: [{ type: 'text', content: `Context:\n${context}\n\nQuestion: ${QUESTION}` }] },
  ]),
  'gen_ai.output.messages': JSON.stringify([
    { role: 'assistant', parts: [{ type: 'text', content: ANSWER }], finish_reason: 'stop' },
  ]),
  // What the gateway priced the call at, as OpenInference's llm.cost.* (USD).
  'llm.cost.prompt': dbl(0.000928),
  'llm.cost.completion': dbl(0.000158),
  'llm.cost.total': dbl(0.001086),
};
const chat = span(answer, S.orchestrator, C.openai, 'client', `chat ${LLM_MODEL}`, CHAT_START, CHAT_END, {
  attributes: {
    'gen_ai.system': 'openai',
    ...chatRequest,
    ...chatResponse,
    ...chatConversation,
    'server.address': 'llm-gateway.assistant.svc',
    'server.port': 8080,
  },
  events: [
    event(FIRST_TOKEN + 1.204, 'gen_ai.first_token', {
      'gen_ai.server.time_to_first_token': seconds(FIRST_TOKEN + 1.204 - CHAT_START),
    }),
  ],
});
const gatewayServer = span(
  chat,
  S.llmGateway,
  C.nodeHttp,
  'server',
  'POST /v1/chat/completions',
  CHAT_START + 0.781,
  CHAT_END - 0.612,
  {
    attributes: {
      'http.request.method': 'POST',
      'http.route': '/v1/chat/completions',
      'url.path': '/v1/chat/completions',
      'http.response.status_code': 200,
      'llm.tenant': 'acme-corp',
      'llm.stream': true,
    },
  },
);
span(gatewayServer, S.llmGateway, C.router, 'internal', 'route_model', CHAT_START + 0.93, 0, {
  durationNs: 912,
  attributes: {
    'llm.route.model': LLM_MODEL,
    'llm.route.pool': 'h100-pool-b',
    'llm.route.reason': 'least-loaded',
    'llm.route.fallback': false,
  },
});

// The gateway relays the stream; it records one event per batch of streamed tokens.
const chunkEvents = [];
const CHUNK_TOKENS = 16;
const tokenStepMs = (DECODE_END - FIRST_TOKEN) / OUTPUT_TOKENS;
const GATEWAY_CLIENT_START = CHAT_START + 1.102;
chunkEvents.push(
  event(FIRST_TOKEN + 0.611, 'gen_ai.first_token', {
    'gen_ai.server.time_to_first_token': seconds(FIRST_TOKEN + 0.611 - GATEWAY_CLIENT_START),
  }),
);
for (let sent = CHUNK_TOKENS, index = 0; sent - CHUNK_TOKENS < OUTPUT_TOKENS; sent += CHUNK_TOKENS, index++) {
  const tokens = Math.min(sent, OUTPUT_TOKENS);
  // Jitter of a few microseconds keeps the batches from looking machine-made.
  const jitterMs = ((index * 7919) % 13) * 0.0731;
  chunkEvents.push(
    event(FIRST_TOKEN + 0.611 + tokens * tokenStepMs + jitterMs, 'gen_ai.content.chunk', {
      'gen_ai.chunk.index': index,
      'gen_ai.chunk.tokens': tokens - (sent - CHUNK_TOKENS),
      'gen_ai.usage.output_tokens': tokens,
    }),
  );
}
const gatewayClient = span(
  gatewayServer,
  S.llmGateway,
  C.undici,
  'client',
  `chat ${LLM_MODEL}`,
  GATEWAY_CLIENT_START,
  CHAT_END - 1.018,
  {
    attributes: {
      'gen_ai.system': 'vllm',
      ...chatRequest,
      ...chatResponse,
      'server.address': 'vllm-h100-b-2.inference.svc',
      'server.port': 8000,
    },
    events: chunkEvents,
  },
);
const INFERENCE_START = CHAT_START + 1.874;
const INFERENCE_END = CHAT_END - 1.391;
const inferenceServer = span(
  gatewayClient,
  S.inference,
  C.vllm,
  'server',
  'POST /v1/chat/completions',
  INFERENCE_START,
  INFERENCE_END,
  {
    attributes: {
      'http.route': '/v1/chat/completions',
      'http.response.status_code': 200,
      'gen_ai.system': 'vllm',
      ...chatRequest,
      ...chatResponse,
      'gen_ai.latency.time_in_queue': seconds(QUEUE_END - INFERENCE_START),
      'gen_ai.latency.time_to_first_token': seconds(FIRST_TOKEN - INFERENCE_START),
      'gen_ai.latency.e2e': seconds(INFERENCE_END - INFERENCE_START),
    },
  },
);
span(inferenceServer, S.inference, C.vllm, 'internal', 'scheduler.queue', CHAT_START + 2.011, QUEUE_END, {
  attributes: { 'vllm.queue.position': 3, 'vllm.running_requests': 14, 'vllm.gpu_cache_usage': dbl(0.81) },
});
span(inferenceServer, S.inference, C.vllm, 'internal', 'prefill', QUEUE_END + 0.042, FIRST_TOKEN, {
  attributes: {
    'gen_ai.usage.input_tokens': INPUT_TOKENS,
    'vllm.prefix_cache.hit_tokens': 1024,
    'vllm.tensor_parallel_size': 1,
  },
});
span(inferenceServer, S.inference, C.vllm, 'internal', 'decode', FIRST_TOKEN + 0.021, DECODE_END, {
  attributes: {
    'gen_ai.usage.output_tokens': OUTPUT_TOKENS,
    'vllm.decode.tokens_per_second': dbl(Math.round((OUTPUT_TOKENS / ((DECODE_END - FIRST_TOKEN) / 1000)) * 10) / 10),
    'vllm.batch_size.mean': dbl(13.6),
  },
});

// 2f. Response parsing and the guardrail check.
const parse = span(answer, S.orchestrator, C.pipeline, 'internal', 'parse_response', 2258.302, 2267.615, {
  attributes: { 'rag.step': 'parse', 'rag.response.format': 'json' },
});
span(parse, S.orchestrator, C.pipeline, 'internal', 'json.parse', 2258.466, 2259.909, {
  attributes: { 'json.bytes': 2312, 'json.valid': true },
});
span(parse, S.orchestrator, C.pipeline, 'internal', 'citations.resolve', 2260.002, 2267.388, {
  attributes: { 'rag.citations': 5, 'rag.citations.unresolved': 0 },
});
const guardrailClient = span(answer, S.orchestrator, C.httpx, 'client', 'POST /v1/check', 2267.93, 2407.915, {
  attributes: {
    'http.request.method': 'POST',
    'url.full': 'http://guardrail-service.assistant.svc:8000/v1/check',
    'server.address': 'guardrail-service.assistant.svc',
    'server.port': 8000,
    'http.response.status_code': 200,
  },
});
const guardrailServer = span(guardrailClient, S.guardrail, C.fastapi, 'server', 'POST /v1/check', 2268.612, 2407.205, {
  attributes: {
    'openinference.span.kind': 'GUARDRAIL',
    'http.request.method': 'POST',
    'http.route': '/v1/check',
    'url.path': '/v1/check',
    'http.response.status_code': 200,
    'guardrail.verdict': 'allow',
  },
});
span(guardrailServer, S.guardrail, C.guardrails, 'internal', 'pii.scan', 2268.841, 2281.47, {
  attributes: { 'guardrail.check': 'pii', 'guardrail.pii.entities_found': 0, 'guardrail.passed': true },
});
span(guardrailServer, S.guardrail, C.guardrails, 'internal', 'groundedness.score', 2281.603, 2406.818, {
  attributes: {
    'openinference.span.kind': 'EVALUATOR',
    'guardrail.check': 'groundedness',
    'guardrail.model': 'vectara/hallucination_evaluation_model',
    'guardrail.score': dbl(0.914),
    'guardrail.threshold': dbl(0.6),
    'guardrail.passed': true,
  },
});

// The story only works if the trace is well formed: children inside their parents, events
// inside their spans. Checked here so that editing a number above cannot silently break it.
const byId = new Map(spans.map((s) => [s.spanId, s]));
for (const s of spans) {
  const parent = byId.get(s.parentSpanId);
  if (s.endNs < s.startNs) throw new Error(`${s.name} ends before it starts`);
  if (parent && (s.startNs < parent.startNs || s.endNs > parent.endNs))
    throw new Error(`${s.name} lies outside its parent ${parent.name}`);
  for (const e of s.events)
    if (e.atNs < s.startNs || e.atNs > s.endNs) throw new Error(`event ${e.name} lies outside ${s.name}`);
}
if (byId.size !== spans.length) throw new Error('duplicate span id');

// ---- OTLP/JSON output: resourceSpans per service, scopeSpans per scope, in order of first use ----

function toOtlpSpan(s) {
  const out = {
    traceId: s.traceId,
    spanId: s.spanId,
    parentSpanId: s.parentSpanId,
    name: s.name,
    kind: s.kind,
    startTimeUnixNano: epochNs(s.startNs),
    endTimeUnixNano: epochNs(s.endNs),
    attributes: attributes(s.attributes),
  };
  if (s.events.length > 0) {
    out.events = s.events.map((e) => ({
      timeUnixNano: epochNs(e.atNs),
      name: e.name,
      attributes: attributes(e.attributes),
    }));
  }
  out.status = s.status;
  return out;
}

const byService = new Map();
for (const s of spans) {
  let scopes = byService.get(s.service);
  if (!scopes) byService.set(s.service, (scopes = new Map()));
  let list = scopes.get(s.scope);
  if (!list) scopes.set(s.scope, (list = []));
  list.push(toOtlpSpan(s));
}

const document = {
  resourceSpans: [...byService].map(([service, scopes]) => ({
    resource: { attributes: attributes(service.resource) },
    scopeSpans: [...scopes].map(([scope, list]) => ({ scope, spans: list })),
    schemaUrl: 'https://opentelemetry.io/schemas/1.26.0',
  })),
};

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, `${JSON.stringify(document, null, 2)}\n`);

// A summary to check the story against: share of the request spent in each pipeline step.
const total = root.endNs - root.startNs;
const share = (s) => `${((100 * (s.endNs - s.startNs)) / total).toFixed(1)}%`;
console.log(`wrote ${OUTPUT}: ${spans.length} spans, ${byService.size} services, ${(total / 1e6).toFixed(1)} ms`);
for (const step of [embedQuery, vectorSearch, retrieve, assemble, chat, parse, guardrailClient]) {
  console.log(
    `  ${step.name.padEnd(28)} ${((step.endNs - step.startNs) / 1e6).toFixed(1).padStart(8)} ms  ${share(step)}`,
  );
}
