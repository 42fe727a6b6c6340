// Reads a trace id as a person pastes it from a backend's UI or API output.

export type TraceIdCheck =
  | { readonly ok: true; readonly id: string; readonly fromBase64: boolean }
  | { readonly ok: false; readonly message: string };

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

function base64Bytes(text: string): Uint8Array | undefined {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  try {
    const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/**
 * A trace id is 16 or 32 hex digits (Jaeger, Zipkin, Tempo and OTLP all print it so); it is
 * trimmed and lowercased. Tempo's and OTLP's raw JSON write ids as base64 of the 16 or 8
 * bytes: such text is converted rather than rejected, since it names one trace unambiguously.
 */
export function checkTraceId(raw: string): TraceIdCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'Enter a trace id (16 or 32 hex digits).' };
  if (HEX.test(text)) {
    if (text.length === 16 || text.length === 32) return { ok: true, id: text.toLowerCase(), fromBase64: false };
    return { ok: false, message: `A trace id has 16 or 32 hex digits; "${text}" has ${text.length}.` };
  }
  if (BASE64.test(text)) {
    const bytes = base64Bytes(text);
    if (bytes && (bytes.length === 16 || bytes.length === 8)) {
      let hex = '';
      for (const b of bytes) hex += b.toString(16).padStart(2, '0');
      return { ok: true, id: hex, fromBase64: true };
    }
  }
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return { ok: false, message: `"${shown}" is not a trace id: use 16 or 32 hexadecimal digits (0-9, a-f).` };
}

/** Whether two trace ids name the same trace: a 128-bit id whose upper half is zero equals its 64-bit form. */
export function sameTraceId(a: string, b: string): boolean {
  const strip = (id: string) => id.trim().toLowerCase().replace(/^0+/, '');
  return strip(a) === strip(b);
}
