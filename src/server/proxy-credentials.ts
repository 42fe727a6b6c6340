// Credentials a backend needs (a bearer token for a hosted Tempo, a tenant header) are set on
// the server, per target, and never taken from the page: the proxy drops the browser's own
// Cookie and Authorization, so a page cannot borrow the user's identity through it.
import { ProxyConfigError, type ProxyTarget } from './proxy-config.ts';

export type ProxyHeaders = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** The environment variable suffix of a target: "tempo-eu" reads TRACE_PROXY_AUTH_TEMPO_EU. */
function envSuffix(name: string): string {
  return name.toUpperCase().replaceAll('-', '_');
}

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * Reads TRACE_PROXY_AUTH_<NAME> (the Authorization value sent to that target, e.g. "Bearer abc"
 * or "Basic dXNlcjpwdw==") and TRACE_PROXY_HEADERS_<NAME> ("X-Scope-OrgID: team-a", several
 * separated by ";"). Throws ProxyConfigError naming the variable when one is malformed.
 */
export function readProxyHeaders(
  env: Readonly<Record<string, string | undefined>>,
  targets: readonly ProxyTarget[],
): ProxyHeaders {
  const byTarget = new Map<string, Record<string, string>>();
  for (const { name } of targets) {
    const headers: Record<string, string> = {};
    const headersVar = `TRACE_PROXY_HEADERS_${envSuffix(name)}`;
    for (const raw of (env[headersVar] ?? '').split(';')) {
      const entry = raw.trim();
      if (entry === '') continue;
      const colon = entry.indexOf(':');
      const headerName = colon > 0 ? entry.slice(0, colon).trim() : '';
      const value = colon > 0 ? entry.slice(colon + 1).trim() : '';
      if (!HEADER_NAME.test(headerName) || value === '' || /[\r\n]/.test(value))
        throw new ProxyConfigError(`${headersVar} entry "${entry}": expected Header-Name: value`);
      headers[headerName.toLowerCase()] = value;
    }
    const authVar = `TRACE_PROXY_AUTH_${envSuffix(name)}`;
    const auth = env[authVar]?.trim();
    if (auth !== undefined && auth !== '') {
      if (!/^[A-Za-z][A-Za-z0-9-]* \S/.test(auth) || /[\r\n]/.test(auth))
        throw new ProxyConfigError(
          `${authVar}: expected an Authorization value such as "Bearer <token>" or "Basic <base64>"`,
        );
      headers.authorization = auth;
    }
    if (Object.keys(headers).length > 0) byTarget.set(name, headers);
  }
  return byTarget;
}
