// What a failed HTTP response says, in one line: the backends' JSON error shapes, else the
// body's first line.

export interface ErrorDetail {
  readonly text: string;
  /** True when the body is an API's own error object, i.e. the API exists and answered. */
  readonly fromApi: boolean;
}

const MAX_DETAIL = 200;

function clip(text: string): string {
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL)}…` : text;
}

function field(obj: object, key: string): unknown {
  return (obj as Record<string, unknown>)[key];
}

/** Jaeger API v3 (grpc-gateway style) {error:{httpCode,message}}; Jaeger HTTP JSON API {errors:[{code,msg}]}. */
function apiMessage(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  const error = field(doc, 'error');
  if (typeof error === 'object' && error !== null) {
    const message = field(error, 'message');
    if (typeof message === 'string' && message !== '') return message;
  }
  if (typeof error === 'string' && error !== '') return error;
  const errors = field(doc, 'errors');
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors.map((e: unknown) =>
      typeof e === 'object' && e !== null && typeof field(e, 'msg') === 'string'
        ? String(field(e, 'msg'))
        : JSON.stringify(e),
    );
    return messages.join('; ');
  }
  const message = field(doc, 'message');
  if (typeof message === 'string' && message !== '') return message;
  return undefined;
}

export function errorDetail(body: string): ErrorDetail {
  const text = body.trim();
  if (text === '') return { text: '', fromApi: false };
  if (text.startsWith('{')) {
    try {
      const message = apiMessage(JSON.parse(text));
      if (message !== undefined) return { text: clip(message.split('\n')[0].trim()), fromApi: true };
    } catch {
      // Not JSON after all: the first line says more than nothing.
    }
  }
  if (text.startsWith('<')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return { text: title ? `an HTML page titled "${clip(title)}"` : 'an HTML page', fromApi: false };
  }
  return { text: clip(text.split('\n')[0].trim()), fromApi: false };
}

/** Whether a successful body is a web page rather than an API answer (a server's catch-all route). */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length && i < 512; i++) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xef || c === 0xbb || c === 0xbf) continue;
    return c === 0x3c; // '<'
  }
  return false;
}
