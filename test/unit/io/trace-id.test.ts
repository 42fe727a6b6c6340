import { describe, expect, it } from 'vitest';
import { checkTraceId, sameTraceId } from '../../../src/io/trace-id.ts';

describe('checkTraceId', () => {
  it('accepts 16 or 32 hex digits as backends print them, trimmed and lowercased', () => {
    expect(checkTraceId('  4BF92F3577B34DA6A3CE929D0E0E4736\n')).toEqual({
      ok: true,
      id: '4bf92f3577b34da6a3ce929d0e0e4736',
      fromBase64: false,
    });
    expect(checkTraceId('a3ce929d0e0e4736')).toEqual({ ok: true, id: 'a3ce929d0e0e4736', fromBase64: false });
  });

  it('rejects hex of another length, saying how many digits it has', () => {
    const r = checkTraceId('a3ce929d0e0e473');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('has 15');
  });

  it('rejects text that is no id at all, and empty input', () => {
    const r = checkTraceId('trace-123 ; drop');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not a trace id: use 16 or 32 hexadecimal digits/);
    expect(checkTraceId('   ').ok).toBe(false);
  });

  it("converts base64 ids as Tempo's raw JSON writes them", () => {
    // 16 bytes 0x4b 0xf9 ... as base64
    const hex = '4bf92f3577b34da6a3ce929d0e0e4736';
    const b64 = Buffer.from(hex, 'hex').toString('base64');
    expect(checkTraceId(b64)).toEqual({ ok: true, id: hex, fromBase64: true });
    expect(checkTraceId(b64.replace(/=+$/, ''))).toEqual({ ok: true, id: hex, fromBase64: true });
  });
});

describe('sameTraceId', () => {
  it('treats a 128-bit id with a zero upper half as its 64-bit form', () => {
    expect(sameTraceId('0000000000000000a3ce929d0e0e4736', 'A3CE929D0E0E4736')).toBe(true);
    expect(sameTraceId('1000000000000000a3ce929d0e0e4736', 'a3ce929d0e0e4736')).toBe(false);
  });
});
