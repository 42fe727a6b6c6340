// Instrumentation scopes named by span tags (Jaeger's and Zipkin's otel.scope.* tags): one
// object per distinct scope, shared by its spans.
import type { InstrumentationScope } from '../model/trace.ts';

export class KnownScopes {
  private readonly byKey = new Map<string, InstrumentationScope>();

  get(name: string, version: string | undefined): InstrumentationScope {
    const key = version === undefined ? name : `${name}\u0000${version}`;
    let scope = this.byKey.get(key);
    if (scope === undefined) {
      scope = version === undefined ? { name, attributes: [] } : { name, version, attributes: [] };
      this.byKey.set(key, scope);
    }
    return scope;
  }
}
