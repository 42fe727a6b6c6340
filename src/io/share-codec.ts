// A trace carried in a link: its OTLP JSON, deflated (CompressionStream 'deflate-raw', built
// into browsers and node) and written as base64url so it survives in a URL fragment.
import { InflateLimitError, inflateBounded } from './inflate.ts';

/** The longest embedded trace a link carries (base64url characters): chat tools and browsers accept links of this size. */
export const MAX_EMBED_CHARS = 32 * 1024;

/**
 * The most a link's trace may decompress to. Links the viewer writes hold a few megabytes at
 * most; a hand-made deflate bomb in a link is stopped here.
 */
export const MAX_SHARED_TRACE_BYTES = 64 * 1024 * 1024;

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const source = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const stream = source.pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function encodeShared(text: string): Promise<string> {
  const deflated = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return toBase64Url(deflated);
}

export class SharedTraceError extends Error {
  override name = 'SharedTraceError';
}

/** The text a link carries; a damaged link (cut short by a chat tool, mistyped) says so. */
export async function decodeShared(fragment: string): Promise<Uint8Array> {
  let deflated: Uint8Array<ArrayBuffer>;
  try {
    deflated = fromBase64Url(fragment.trim());
  } catch {
    throw new SharedTraceError('the trace in the link is damaged (not base64url); was the link cut short?');
  }
  try {
    return await inflateBounded(deflated, 'deflate-raw', MAX_SHARED_TRACE_BYTES);
  } catch (e) {
    if (e instanceof InflateLimitError)
      throw new SharedTraceError(`the trace in the link was not opened: ${e.message}`);
    throw new SharedTraceError('the trace in the link is damaged (it does not decompress); was the link cut short?');
  }
}
