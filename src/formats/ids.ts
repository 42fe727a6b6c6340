// Trace and span ids arrive as hex (spec OTLP/JSON, Jaeger, Zipkin) or base64 of the raw
// bytes (Tempo, grpc-gateway, some SDKs). They are normalized to lowercase hex so that one
// span can find its parent whatever encoding each side was written in.

const HEX = /^[0-9a-fA-F]+$/;
// Standard alphabet only (protobuf JSON's); url-safe '-' and '_' would misread ids like "span-a-root".
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

// 1 for the char codes of lowercase hex digits: ids are checked several times a span, and a
// table lookup per character is several times faster than a regex or range comparisons.
const LOWER_HEX_DIGIT = new Uint8Array(128);
for (const digit of '0123456789abcdef') LOWER_HEX_DIGIT[digit.charCodeAt(0)] = 1;

/** Non-empty lowercase hex, of the given length when one is given: an id already in normal form. */
export function isLowerHex(text: string, length?: number): boolean {
  if (text.length === 0 || (length !== undefined && text.length !== length)) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || LOWER_HEX_DIGIT[c] === 0) return false;
  }
  return true;
}

/** Non-empty and all zeros (as /^0+$/): the invalid id of W3C Trace Context, and how some tracers write "no parent". */
export function isAllZeroId(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== 48) return false;
  return true;
}

export interface NormalizedId {
  readonly id: string;
  /** False when the input was neither hex nor base64 of a trace/span id's length. */
  readonly valid: boolean;
}

function base64ToHex(text: string): string | undefined {
  const padded = text + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  let hex = '';
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}

/**
 * An OTLP id: hex of 16/32 digits, or base64 of 8/16 bytes. `byteLength` is 16 for trace ids
 * and 8 for span ids; other lengths of valid hex are accepted but reported as not valid.
 */
export function normalizeOtlpId(raw: string, byteLength: 8 | 16): NormalizedId {
  const text = raw.trim();
  if (text.length === byteLength * 2 && HEX.test(text)) return { id: text.toLowerCase(), valid: true };
  if (BASE64.test(text)) {
    const hex = base64ToHex(text);
    if (hex !== undefined && hex.length === byteLength * 2) return { id: hex, valid: true };
  }
  if (HEX.test(text) && text.length > 0) return { id: text.toLowerCase(), valid: false };
  return { id: text, valid: false };
}

/**
 * A Zipkin id: hex of up to 16 or 32 digits, left-padded. A 128-bit trace id whose upper
 * half is zero is the same trace as its 64-bit form, so it is shortened to 16 digits.
 */
export function normalizeZipkinId(raw: string, isTraceId: boolean): NormalizedId {
  const text = raw.trim();
  if (!HEX.test(text) || text.length > 32) return { id: text, valid: false };
  const lower = text.toLowerCase();
  if (lower.length <= 16) return { id: lower.padStart(16, '0'), valid: true };
  if (!isTraceId) return { id: lower, valid: false };
  const full = lower.padStart(32, '0');
  return { id: full.startsWith('0000000000000000') ? full.slice(16) : full, valid: true };
}

/** Jaeger ids are written unpadded and sometimes are not hex at all; only case is folded. */
export function normalizeJaegerId(raw: string): NormalizedId {
  const text = raw.trim();
  return HEX.test(text) ? { id: text.toLowerCase(), valid: true } : { id: text, valid: text.length > 0 };
}
