// Names, attributes, events and links of one generated span, derived from the trace shape and
// a random stream seeded by the span's index: any span can be described on its own, in any
// order, and always comes out the same.
import { hostIp, SERVICES, type Endpoint, type ScopeCategory, type Service, type StoreQuery } from './catalog.ts';
import { hex8, mix32, type Prng } from './prng.ts';
import {
  FLAG_BIG_INT,
  FLAG_ERROR,
  FLAG_EVENTS,
  FLAG_LINK,
  ROLE_CLIENT,
  ROLE_CONSUMER,
  ROLE_INTERNAL,
  ROLE_PRODUCER,
  ROLE_SERVER,
  ROLE_STORE,
  type TraceShape,
} from './shape.ts';

export type GenValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'int'; readonly value: number }
  /** An int64 beyond 2^53, as exact decimal digits. */
  | { readonly type: 'bigint'; readonly value: string }
  | { readonly type: 'double'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'strings'; readonly value: readonly string[] };

export interface GenAttribute {
  readonly key: string;
  readonly value: GenValue;
}

export interface GenEvent {
  /** Microseconds since the trace start. */
  readonly timeUs: number;
  readonly name: string;
  readonly attributes: readonly GenAttribute[];
}

export interface GenLink {
  /** Index of the linked span in this trace, or -1 for a span of another trace. */
  readonly spanIndex: number;
  /** Used when spanIndex is -1. */
  readonly traceId: string;
  readonly spanId: string;
  readonly attributes: readonly GenAttribute[];
}

/** Where a Zipkin span's remote end is. */
export interface GenRemote {
  readonly serviceName: string;
  readonly ipv4?: string;
  readonly port?: number;
}

export interface SpanDetail {
  readonly name: string;
  readonly scope: ScopeCategory;
  readonly attributes: readonly GenAttribute[];
  readonly events: readonly GenEvent[];
  readonly links: readonly GenLink[];
  /** Status message when the span failed. */
  readonly error?: string;
  readonly remote?: GenRemote;
}

const str = (key: string, value: string): GenAttribute => ({ key, value: { type: 'string', value } });
const int = (key: string, value: number): GenAttribute => ({ key, value: { type: 'int', value } });
const dbl = (key: string, value: number): GenAttribute => ({ key, value: { type: 'double', value } });
const bool = (key: string, value: boolean): GenAttribute => ({ key, value: { type: 'bool', value } });

const DNS_SUFFIX = '.shop.svc.cluster.local';
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'acme-shop-android/7.4.0 (Pixel 8; Android 15)',
];
const LOG_MESSAGES = [
  'cache refreshed',
  'falling back to default currency',
  'request payload validated',
  'slow query threshold exceeded',
  'feature flag new-checkout evaluated',
  'retrying after transient failure',
];
const TIERS = ['free', 'plus', 'enterprise'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
const TAGS = ['beta', 'mobile', 'returning', 'promo', 'gift', 'express'];

interface SpanError {
  readonly type: string;
  readonly message: string;
}

const ERRORS: Readonly<Record<number, SpanError>> = {
  [ROLE_INTERNAL]: { type: 'DeadlineExceeded', message: 'context deadline exceeded' },
  [ROLE_SERVER]: { type: 'UpstreamUnavailable', message: 'upstream connect error or disconnect/reset before headers' },
  [ROLE_CLIENT]: { type: 'ConnectionResetError', message: 'connection reset by peer' },
  [ROLE_PRODUCER]: { type: 'KafkaError', message: 'Broker: Not enough in-sync replicas' },
  [ROLE_CONSUMER]: { type: 'ValidationError', message: 'message schema version 3 is not supported' },
  [ROLE_STORE]: {
    type: 'DatabaseError',
    message: 'deadlock detected while waiting for ShareLock on transaction 88213',
  },
};

/** Fills a route template such as /orders/{orderId} with plausible ids. */
function fillRoute(route: string, rng: Prng): string {
  return route.replace(/\{[^}]+\}/g, () => String(rng.between(1000, 999_999)));
}

function httpParts(endpoint: Endpoint): { method: string; route: string } {
  const space = endpoint.name.indexOf(' ');
  return { method: endpoint.name.slice(0, space), route: endpoint.name.slice(space + 1) };
}

function rpcParts(endpoint: Endpoint): { service: string; method: string } {
  const slash = endpoint.name.lastIndexOf('/');
  return { service: endpoint.name.slice(0, slash), method: endpoint.name.slice(slash + 1) };
}

function serverAttributes(
  server: Service,
  endpoint: Endpoint,
  caller: number,
  failed: boolean,
  isRoot: boolean,
  rng: Prng,
): GenAttribute[] {
  const attributes: GenAttribute[] = [];
  if (endpoint.protocol === 'http') {
    const { method, route } = httpParts(endpoint);
    attributes.push(
      str('http.request.method', method),
      str('http.route', route),
      str('url.path', fillRoute(route, rng)),
      int('http.response.status_code', failed ? 503 : method === 'POST' ? 201 : 200),
      int('server.port', isRoot ? 443 : server.port),
    );
    if (isRoot) {
      attributes.push(
        str('url.scheme', 'https'),
        str('user_agent.original', rng.pick(USER_AGENTS)),
        str('client.address', `198.51.100.${rng.between(2, 254)}`),
      );
    } else attributes.push(str('client.address', hostIp(caller)));
  } else {
    const { service, method } = rpcParts(endpoint);
    attributes.push(
      str('rpc.system', 'grpc'),
      str('rpc.service', service),
      str('rpc.method', method),
      int('rpc.grpc.status_code', failed ? 14 : 0),
      int('server.port', server.port),
      str('network.peer.address', hostIp(caller)),
    );
  }
  return attributes;
}

function clientAttributes(callee: number, endpoint: Endpoint, failed: boolean, rng: Prng): GenAttribute[] {
  const server = SERVICES[callee];
  const address = server.name + DNS_SUFFIX;
  if (endpoint.protocol === 'http') {
    const { method, route } = httpParts(endpoint);
    return [
      str('http.request.method', method),
      str('url.full', `http://${address}:${server.port}${fillRoute(route, rng)}`),
      str('server.address', address),
      int('server.port', server.port),
      int('http.response.status_code', failed ? 503 : method === 'POST' ? 201 : 200),
    ];
  }
  const { service, method } = rpcParts(endpoint);
  return [
    str('rpc.system', 'grpc'),
    str('rpc.service', service),
    str('rpc.method', method),
    int('rpc.grpc.status_code', failed ? 14 : 0),
    str('server.address', address),
    int('server.port', server.port),
  ];
}

const STORE_PORTS: Readonly<Record<StoreQuery['system'], number>> = {
  postgresql: 5432,
  mysql: 3306,
  redis: 6379,
  mongodb: 27017,
  elasticsearch: 9200,
};

function storeName(query: StoreQuery): string {
  return query.system === 'redis' ? query.operation : `${query.operation} ${query.target}`;
}

function storeAttributes(owner: Service, query: StoreQuery, rng: Prng): GenAttribute[] {
  const database = owner.name.replace(/-service$/, '').replace(/-/g, '_');
  const attributes = [
    str('db.system', query.system),
    str('db.operation', query.operation),
    str('db.statement', query.statement),
    str('server.address', `${query.system}-${database}${DNS_SUFFIX}`),
    int('server.port', STORE_PORTS[query.system]),
  ];
  if (query.system === 'redis') attributes.push(int('db.redis.database_index', rng.int(4)));
  else attributes.push(str('db.name', database));
  if (query.system === 'postgresql' || query.system === 'mysql') {
    attributes.push(str('db.sql.table', query.target));
  }
  return attributes;
}

/** Fillers that bring a span up to its attribute count, each of a fixed type. */
const EXTRAS: readonly ((rng: Prng) => GenAttribute)[] = [
  (rng) => str('app.request_id', hex8(rng.uint32()) + hex8(rng.uint32())),
  (rng) => str('app.user.tier', rng.pick(TIERS)),
  (rng) => bool('app.cache_hit', rng.chance(0.7)),
  (rng) => int('app.retry_count', rng.chance(0.9) ? 0 : rng.between(1, 3)),
  (rng) => bool('app.feature_flag.new_checkout', rng.chance(0.5)),
  (rng) => int('app.items.count', rng.between(1, 24)),
  (rng) => dbl('app.latency_budget_ms', (rng.between(1, 50_000) + 0.5) / 100),
  (rng) => dbl('app.score', (rng.between(0, 999_998) + 0.5) / 1e6),
  (rng) => str('app.tenant.id', `tenant-${String(rng.int(500)).padStart(4, '0')}`),
  (rng) => str('cloud.region', rng.pick(REGIONS)),
  (rng) => int('thread.id', rng.between(1, 256)),
  (rng) => dbl('app.order.total', (rng.between(100, 99_999) * 10 + 1) / 1000),
  (rng) => bool('app.synthetic', rng.chance(0.05)),
  (rng) => str('app.session.id', hex8(rng.uint32())),
];

function addExtras(attributes: GenAttribute[], target: number, rng: Prng): void {
  let at = rng.int(EXTRAS.length);
  for (let added = 0; attributes.length < target && added < EXTRAS.length; added++, at = (at + 1) % EXTRAS.length) {
    attributes.push(EXTRAS[at](rng));
  }
}

/** 19 decimal digits below 9 x 10^18: beyond 2^53, within int64. */
function bigIntDigits(rng: Prng): string {
  let digits = String(rng.between(1, 8));
  for (let i = 0; i < 18; i++) digits += String(rng.int(10));
  return digits;
}

function stacktrace(service: Service, type: string, message: string, name: string): string {
  switch (service.language) {
    case 'java':
      return (
        `com.acme.${type}: ${message}\n` +
        `\tat com.acme.${service.name.replace(/-/g, '')}.${name.replace(/[^\w.]/g, '_')}(Handler.java:212)\n` +
        '\tat java.base/java.lang.Thread.run(Thread.java:1583)'
      );
    case 'python':
      return (
        'Traceback (most recent call last):\n  File "/app/handlers.py", line 88, in handle\n' +
        `    return await call_next(request)\n${type}: ${message}`
      );
    case 'go':
      return `goroutine 412 [running]:\nmain.(*handler).ServeHTTP(0xc0001a2000)\n\t/src/handler.go:131 +0x1c5\n${type}: ${message}`;
    default:
      return `${type}: ${message}\n    at handle (/app/src/handler:77:13)\n    at process (/app/src/server:41:5)`;
  }
}

function plainEvent(role: number, rng: Prng): { name: string; attributes: GenAttribute[] } {
  const r = rng.int(4);
  if ((role === ROLE_SERVER || role === ROLE_CLIENT) && r < 2) {
    return {
      name: 'message',
      attributes: [
        str('message.type', r === 0 ? 'SENT' : 'RECEIVED'),
        int('message.id', rng.between(1, 4)),
        int('message.uncompressed_size', rng.between(64, 65_536)),
      ],
    };
  }
  if (role === ROLE_STORE && r < 2) {
    return {
      name: 'db.connection.acquired',
      attributes: [str('db.pool.name', 'primary'), dbl('db.pool.wait_ms', (rng.between(0, 20_000) + 0.5) / 1000)],
    };
  }
  if (r === 2) return { name: 'cache.miss', attributes: [str('cache.key', `k:${hex8(rng.uint32())}`)] };
  return {
    name: 'log',
    attributes: [str('log.severity', rng.pick(['INFO', 'DEBUG', 'WARN'])), str('log.message', rng.pick(LOG_MESSAGES))],
  };
}

function events(
  shape: TraceShape,
  index: number,
  service: Service,
  name: string,
  error: SpanError | undefined,
  rng: Prng,
): GenEvent[] {
  const start = shape.startUs[index];
  const duration = shape.durationUs[index];
  const at = (): number => start + Math.floor(rng.float() * duration);
  const list: GenEvent[] = [];
  if (error) {
    list.push({
      timeUs: start + duration,
      name: 'exception',
      attributes: [
        str('exception.type', error.type),
        str('exception.message', error.message),
        str('exception.stacktrace', stacktrace(service, error.type, error.message, name)),
      ],
    });
  }
  const count = rng.between(1, 3) - list.length;
  for (let e = 0; e < count; e++) {
    const event = plainEvent(shape.role[index], rng);
    list.push({ timeUs: at(), name: event.name, attributes: event.attributes });
  }
  list.sort((a, b) => a.timeUs - b.timeUs);
  return list;
}

function link(shape: TraceShape, index: number, rng: Prng): GenLink {
  const reason = str('link.reason', rng.pick(['batched-with', 'retry-of', 'triggered-by']));
  if (rng.chance(0.7)) return { spanIndex: rng.int(index), traceId: '', spanId: '', attributes: [reason] };
  const other = mix32(shape.seed, index);
  return {
    spanIndex: -1,
    traceId: hex8(mix32(other, 1)) + hex8(mix32(other, 2)) + hex8(mix32(other, 3)) + hex8(mix32(other, 4)),
    spanId: hex8(mix32(other, 5)) + hex8(mix32(other, 6)),
    attributes: [reason],
  };
}

function remoteOf(role: number, peer: number, store: StoreQuery | undefined, isRoot: boolean): GenRemote | undefined {
  // The root's caller is a browser or app, outside the traced system.
  if (isRoot) return undefined;
  if (role === ROLE_CLIENT || role === ROLE_SERVER) {
    const service = SERVICES[peer];
    return { serviceName: service.name, ipv4: hostIp(peer), port: role === ROLE_CLIENT ? service.port : undefined };
  }
  if (store) return { serviceName: store.system, port: STORE_PORTS[store.system] };
  if (role === ROLE_PRODUCER || role === ROLE_CONSUMER) return { serviceName: 'kafka', port: 9092 };
  return undefined;
}

/** Everything about span `index` except its place and time, which the shape holds. */
export function describeSpan(shape: TraceShape, index: number, rng: Prng): SpanDetail {
  rng.reseed(mix32(shape.seed ^ 0x6a09e667, index));
  const role = shape.role[index];
  const flags = shape.flags[index];
  const service = SERVICES[shape.service[index]];
  const peer = shape.peer[index];
  const detail = shape.detail[index];
  const failed = (flags & FLAG_ERROR) !== 0;

  let name: string;
  let scope: ScopeCategory;
  let attributes: GenAttribute[];
  let store: StoreQuery | undefined;
  if (role === ROLE_SERVER || role === ROLE_CLIENT) {
    const callee = role === ROLE_SERVER ? service : SERVICES[peer];
    const endpoint = callee.endpoints[detail];
    name = endpoint.name;
    scope = endpoint.protocol;
    attributes =
      role === ROLE_SERVER
        ? serverAttributes(service, endpoint, peer, failed, shape.parent[index] < 0, rng)
        : clientAttributes(peer, endpoint, failed, rng);
  } else if (role === ROLE_STORE) {
    store = service.queries[detail];
    name = storeName(store);
    scope = 'db';
    attributes = storeAttributes(service, store, rng);
  } else if (role === ROLE_PRODUCER || role === ROLE_CONSUMER) {
    const topic = role === ROLE_PRODUCER ? service.publishes[detail] : service.consumes[detail];
    name = `${topic} ${role === ROLE_PRODUCER ? 'publish' : 'process'}`;
    scope = 'messaging';
    attributes = [
      str('messaging.system', 'kafka'),
      str('messaging.destination.name', topic),
      str('messaging.operation', role === ROLE_PRODUCER ? 'publish' : 'process'),
      int('messaging.kafka.destination.partition', rng.int(12)),
    ];
    if (role === ROLE_PRODUCER)
      attributes.push(str('messaging.kafka.message.key', `order-${rng.between(10_000, 99_999)}`));
    else
      attributes.push(
        str('messaging.kafka.consumer.group', service.name),
        int('messaging.kafka.message.offset', rng.between(1, 2_000_000_000)),
      );
  } else {
    name = service.work[detail];
    scope = 'manual';
    attributes = [
      str('code.function', name),
      str('code.namespace', `acme.${service.name.replace(/-/g, '_')}`),
      int('code.lineno', rng.between(20, 900)),
    ];
  }

  if ((flags & FLAG_BIG_INT) !== 0)
    attributes.push({ key: 'app.ledger.entry_id', value: { type: 'bigint', value: bigIntDigits(rng) } });
  if (rng.chance(0.03))
    attributes.push({ key: 'app.tags', value: { type: 'strings', value: [rng.pick(TAGS), rng.pick(TAGS)] } });
  // 5 to 10 attributes, mostly 5 to 7 as in real traces.
  addExtras(attributes, 5 + Math.floor(6 * rng.float() ** 2), rng);

  const error = failed ? ERRORS[role] : undefined;
  return {
    name,
    scope,
    attributes,
    events: (flags & FLAG_EVENTS) !== 0 ? events(shape, index, service, name, error, rng) : [],
    links: (flags & FLAG_LINK) !== 0 ? [link(shape, index, rng)] : [],
    error: error?.message,
    remote: remoteOf(role, peer, store, shape.parent[index] < 0),
  };
}
