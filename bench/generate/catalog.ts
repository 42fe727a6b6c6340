// The services of the benchmark's imaginary shop and what each one does: the endpoints it
// serves, the stores it queries, the topics it publishes. Span names and attributes are
// drawn from here so that the generated traces read like real ones.

export type Language = 'go' | 'java' | 'nodejs' | 'python' | 'dotnet' | 'rust' | 'cpp';

export type StoreSystem = 'postgresql' | 'mysql' | 'redis' | 'mongodb' | 'elasticsearch';

export interface Endpoint {
  readonly protocol: 'http' | 'grpc';
  /** HTTP: "GET /api/orders/{orderId}"; gRPC: "oteldemo.CartService/GetCart". */
  readonly name: string;
}

export interface StoreQuery {
  readonly system: StoreSystem;
  readonly operation: string;
  /** Table, collection, index or key prefix. */
  readonly target: string;
  readonly statement: string;
}

export interface Service {
  readonly name: string;
  readonly language: Language;
  readonly version: string;
  readonly port: number;
  readonly endpoints: readonly Endpoint[];
  readonly queries: readonly StoreQuery[];
  readonly work: readonly string[];
  /** Kafka topics it publishes to. */
  readonly publishes: readonly string[];
  /** Kafka topics it consumes. */
  readonly consumes: readonly string[];
}

const http = (name: string): Endpoint => ({ protocol: 'http', name });
const grpc = (name: string): Endpoint => ({ protocol: 'grpc', name });
const sql = (system: 'postgresql' | 'mysql', operation: string, target: string, statement: string): StoreQuery => ({
  system,
  operation,
  target,
  statement,
});
const redis = (operation: string, prefix: string, rest = ''): StoreQuery => ({
  system: 'redis',
  operation,
  target: prefix,
  statement: `${operation} ${prefix}:?${rest}`,
});

/** The first service is where every generated trace enters. */
export const SERVICES: readonly Service[] = [
  {
    name: 'frontend-proxy',
    language: 'cpp',
    version: '1.31.2',
    port: 8080,
    endpoints: [http('POST /api/checkout'), http('GET /api/products/{productId}'), http('GET /api/cart')],
    queries: [redis('GET', 'ratelimit')],
    work: ['route_match', 'apply_filters', 'ext_authz'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'web-frontend',
    language: 'nodejs',
    version: '5.8.0',
    port: 3000,
    endpoints: [
      http('GET /cart'),
      http('POST /cart/checkout'),
      http('GET /product/{id}'),
      http('GET /api/recommendations'),
    ],
    queries: [redis('GET', 'session'), redis('SET', 'session', ' EX 1800')],
    work: ['render CheckoutPage', 'render ProductCard', 'middleware.session', 'getServerSideProps'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'api-gateway',
    language: 'go',
    version: '2.14.3',
    port: 8443,
    endpoints: [
      http('POST /v2/orders'),
      http('GET /v2/orders/{orderId}'),
      http('GET /v2/products'),
      http('POST /v2/payments'),
    ],
    queries: [redis('INCR', 'quota'), redis('GET', 'apikey')],
    work: ['authenticate', 'ratelimit.check', 'transform_request', 'circuit_breaker.acquire'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'auth-service',
    language: 'go',
    version: '1.22.0',
    port: 9090,
    endpoints: [grpc('acme.auth.v1.AuthService/VerifyToken'), grpc('acme.auth.v1.AuthService/GetPermissions')],
    queries: [
      redis('GET', 'token'),
      sql(
        'postgresql',
        'SELECT',
        'roles',
        'SELECT r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = $1',
      ),
    ],
    work: ['jwt.verify', 'jwks.lookup', 'policy.evaluate'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'user-service',
    language: 'java',
    version: '3.4.1',
    port: 8080,
    endpoints: [
      http('GET /users/{userId}'),
      http('GET /users/{userId}/addresses'),
      http('PATCH /users/{userId}/preferences'),
    ],
    queries: [
      sql('postgresql', 'SELECT', 'users', 'SELECT id, email, name, tier, created_at FROM users WHERE id = ?'),
      sql('postgresql', 'SELECT', 'addresses', 'SELECT * FROM addresses WHERE user_id = ? AND deleted_at IS NULL'),
      sql(
        'postgresql',
        'UPDATE',
        'user_preferences',
        'UPDATE user_preferences SET payload = ?, updated_at = now() WHERE user_id = ?',
      ),
    ],
    work: ['UserMapper.toDto', 'PreferenceValidator.validate', 'HikariPool.getConnection'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'cart-service',
    language: 'dotnet',
    version: '2.0.7',
    port: 7070,
    endpoints: [
      grpc('oteldemo.CartService/GetCart'),
      grpc('oteldemo.CartService/AddItem'),
      grpc('oteldemo.CartService/EmptyCart'),
    ],
    queries: [redis('HGETALL', 'cart'), redis('HSET', 'cart'), redis('EXPIRE', 'cart', ' 86400')],
    work: ['CartStore.Load', 'CartStore.Merge', 'Serialize cart'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'catalog-service',
    language: 'go',
    version: '4.1.0',
    port: 3550,
    endpoints: [grpc('oteldemo.ProductCatalogService/GetProduct'), grpc('oteldemo.ProductCatalogService/ListProducts')],
    queries: [
      sql(
        'postgresql',
        'SELECT',
        'products',
        'SELECT id, name, description, picture, price_units, price_nanos FROM products WHERE id = $1',
      ),
      sql(
        'postgresql',
        'SELECT',
        'products',
        'SELECT id, name, price_units FROM products WHERE category = $1 ORDER BY rank LIMIT $2',
      ),
      redis('GET', 'product'),
    ],
    work: ['product.enrich', 'feature_flag.evaluate', 'image.url_sign'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'search-service',
    language: 'java',
    version: '7.3.2',
    port: 8080,
    endpoints: [http('GET /search'), http('GET /search/suggest')],
    queries: [
      {
        system: 'elasticsearch',
        operation: 'search',
        target: 'products-v12',
        statement: '{"query":{"multi_match":{"query":"?","fields":["name^3","description"]}},"size":24}',
      },
      { system: 'elasticsearch', operation: 'get', target: 'synonyms', statement: 'GET /synonyms/_doc/?' },
    ],
    work: ['QueryParser.parse', 'SpellChecker.correct', 'ResultRanker.rank'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'recommendation-service',
    language: 'python',
    version: '0.19.4',
    port: 9001,
    endpoints: [grpc('oteldemo.RecommendationService/ListRecommendations')],
    queries: [redis('ZREVRANGE', 'reco', ' 0 9'), redis('GET', 'embedding')],
    work: ['get_candidates', 'score_candidates', 'filter_seen', 'model.predict'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'pricing-service',
    language: 'rust',
    version: '1.6.0',
    port: 50051,
    endpoints: [grpc('acme.pricing.v1.Pricing/Quote'), grpc('acme.pricing.v1.Pricing/ApplyPromotions')],
    queries: [redis('MGET', 'price'), redis('GET', 'promo')],
    work: ['rules::evaluate', 'promotions::match', 'tax::compute'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'inventory-service',
    language: 'java',
    version: '2.9.12',
    port: 8081,
    endpoints: [grpc('acme.inventory.v1.Inventory/Reserve'), grpc('acme.inventory.v1.Inventory/CheckStock')],
    queries: [
      sql(
        'mysql',
        'SELECT',
        'stock',
        'SELECT sku, warehouse_id, available FROM stock WHERE sku IN (?, ?, ?) FOR UPDATE',
      ),
      sql('mysql', 'UPDATE', 'stock', 'UPDATE stock SET available = available - ? WHERE sku = ? AND warehouse_id = ?'),
      sql(
        'mysql',
        'INSERT',
        'reservations',
        'INSERT INTO reservations (order_id, sku, qty, expires_at) VALUES (?, ?, ?, ?)',
      ),
    ],
    work: ['ReservationService.reserve', 'WarehouseSelector.select', 'TransactionTemplate.execute'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'checkout-service',
    language: 'go',
    version: '3.3.0',
    port: 5050,
    endpoints: [grpc('oteldemo.CheckoutService/PlaceOrder')],
    queries: [redis('SETNX', 'idempotency', ' EX 600')],
    work: ['prepareOrderItemsAndShippingQuoteFromCart', 'validate_order', 'saga.step'],
    publishes: ['checkout.completed'],
    consumes: [],
  },
  {
    name: 'payment-service',
    language: 'nodejs',
    version: '1.12.5',
    port: 50052,
    endpoints: [grpc('oteldemo.PaymentService/Charge'), grpc('oteldemo.PaymentService/Refund')],
    queries: [
      sql(
        'postgresql',
        'INSERT',
        'charges',
        'INSERT INTO charges (id, order_id, amount_cents, currency, status) VALUES ($1, $2, $3, $4, $5)',
      ),
      sql('postgresql', 'SELECT', 'charges', 'SELECT status FROM charges WHERE order_id = $1'),
    ],
    work: ['card.validate', 'luhn.check', 'psp.authorize'],
    publishes: ['payments.settled'],
    consumes: [],
  },
  {
    name: 'fraud-detection',
    language: 'java',
    version: '0.8.3',
    port: 8090,
    endpoints: [http('POST /score')],
    queries: [
      sql(
        'postgresql',
        'SELECT',
        'risk_signals',
        'SELECT signal, weight FROM risk_signals WHERE account_id = ? AND seen_at > ?',
      ),
    ],
    work: ['FeatureExtractor.extract', 'RiskModel.score', 'RuleEngine.apply'],
    publishes: [],
    consumes: ['checkout.completed', 'payments.settled'],
  },
  {
    name: 'shipping-service',
    language: 'rust',
    version: '2.2.1',
    port: 50053,
    endpoints: [http('POST /get-quote'), http('POST /ship-order')],
    queries: [
      sql(
        'postgresql',
        'SELECT',
        'rates',
        'SELECT carrier, price_cents FROM rates WHERE zone = $1 AND weight_class = $2',
      ),
    ],
    work: ['quote::calculate', 'tracking::generate_id', 'carrier::select'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'currency-service',
    language: 'cpp',
    version: '1.4.0',
    port: 7001,
    endpoints: [grpc('oteldemo.CurrencyService/Convert'), grpc('oteldemo.CurrencyService/GetSupportedCurrencies')],
    queries: [redis('HGET', 'fx_rates')],
    work: ['Convert', 'LoadRates'],
    publishes: [],
    consumes: [],
  },
  {
    name: 'notification-service',
    language: 'python',
    version: '1.1.9',
    port: 8000,
    endpoints: [http('POST /notify/email'), http('POST /notify/push')],
    queries: [
      {
        system: 'mongodb',
        operation: 'insert',
        target: 'notifications',
        statement: '{"insert":"notifications","documents":[?]}',
      },
    ],
    work: ['render_template', 'smtp.send', 'apns.push'],
    publishes: [],
    consumes: ['checkout.completed', 'orders.created'],
  },
  {
    name: 'order-service',
    language: 'java',
    version: '5.0.2',
    port: 8080,
    endpoints: [http('POST /orders'), http('GET /orders/{orderId}'), http('GET /orders/{orderId}/status')],
    queries: [
      sql(
        'postgresql',
        'INSERT',
        'orders',
        'INSERT INTO orders (id, user_id, total_cents, currency, status) VALUES (?, ?, ?, ?, ?)',
      ),
      sql(
        'postgresql',
        'SELECT',
        'orders',
        'SELECT o.*, oi.* FROM orders o JOIN order_items oi ON oi.order_id = o.id WHERE o.id = ?',
      ),
      sql(
        'postgresql',
        'INSERT',
        'order_items',
        'INSERT INTO order_items (order_id, sku, qty, price_cents) VALUES (?, ?, ?, ?)',
      ),
    ],
    work: ['OrderService.create', 'OrderValidator.validate', 'OutboxWriter.write'],
    publishes: ['orders.created'],
    consumes: [],
  },
];

/** Services that consume each topic, for the consumer side of a publish. */
export const CONSUMERS_OF: ReadonlyMap<string, readonly number[]> = (() => {
  const map = new Map<string, number[]>();
  SERVICES.forEach((service, index) => {
    for (const topic of service.consumes) {
      const list = map.get(topic);
      if (list) list.push(index);
      else map.set(topic, [index]);
    }
  });
  return map;
})();

/** What instrumentation produced a span; OTLP groups spans by it (scopeSpans). */
export type ScopeCategory = 'http' | 'grpc' | 'db' | 'messaging' | 'manual';

export const SCOPE_CATEGORIES: readonly ScopeCategory[] = ['http', 'grpc', 'db', 'messaging', 'manual'];

const SCOPE_NAMES: Readonly<Record<Language, Readonly<Record<Exclude<ScopeCategory, 'manual'>, string>>>> = {
  go: {
    http: 'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp',
    grpc: 'go.opentelemetry.io/contrib/instrumentation/google.golang.org/grpc/otelgrpc',
    db: 'github.com/XSAM/otelsql',
    messaging: 'github.com/IBM/sarama/otelsarama',
  },
  java: {
    http: 'io.opentelemetry.spring-webmvc-6.0',
    grpc: 'io.opentelemetry.grpc-1.6',
    db: 'io.opentelemetry.jdbc',
    messaging: 'io.opentelemetry.kafka-clients-2.6',
  },
  nodejs: {
    http: '@opentelemetry/instrumentation-http',
    grpc: '@opentelemetry/instrumentation-grpc',
    db: '@opentelemetry/instrumentation-pg',
    messaging: '@opentelemetry/instrumentation-kafkajs',
  },
  python: {
    http: 'opentelemetry.instrumentation.fastapi',
    grpc: 'opentelemetry.instrumentation.grpc',
    db: 'opentelemetry.instrumentation.redis',
    messaging: 'opentelemetry.instrumentation.confluent_kafka',
  },
  dotnet: {
    http: 'OpenTelemetry.Instrumentation.AspNetCore',
    grpc: 'OpenTelemetry.Instrumentation.GrpcNetClient',
    db: 'OpenTelemetry.Instrumentation.StackExchangeRedis',
    messaging: 'OpenTelemetry.Instrumentation.Kafka',
  },
  rust: { http: 'tracing-opentelemetry', grpc: 'tonic-tracing-opentelemetry', db: 'sqlx', messaging: 'rdkafka' },
  cpp: { http: 'envoy', grpc: 'grpc-cpp', db: 'redis-plus-plus', messaging: 'librdkafka' },
};

export function scopeName(service: Service, category: ScopeCategory): string {
  if (category === 'manual') return `com.acme.${service.name.replace(/-/g, '_')}`;
  return SCOPE_NAMES[service.language][category];
}

export const SDK_VERSION: Readonly<Record<Language, string>> = {
  go: '1.32.0',
  java: '1.44.1',
  nodejs: '1.29.0',
  python: '1.28.2',
  dotnet: '1.10.0',
  rust: '0.27.1',
  cpp: '1.18.0',
};

export function hostName(serviceIndex: number): string {
  return `${SERVICES[serviceIndex].name}-${(0x5a3f1 + serviceIndex * 0x1b7d).toString(36)}-${(serviceIndex * 7 + 3).toString(36)}x${serviceIndex}`;
}

export function hostIp(serviceIndex: number): string {
  return `10.42.${serviceIndex + 1}.${17 + serviceIndex * 5}`;
}
