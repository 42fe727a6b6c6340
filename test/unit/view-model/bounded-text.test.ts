import { describe, expect, it } from 'vitest';
import { boundedLabel, boundText, LABEL_MAX } from '../../../src/view-model/bounded-text.ts';

describe('bounded trace text', () => {
  it('cuts a 10 MB name to the label length and counts what was cut', () => {
    const name = 'n'.repeat(10_000_000);
    const { text, cut } = boundText(name);
    expect(text).toBe('n'.repeat(LABEL_MAX));
    expect(cut).toBe(10_000_000 - LABEL_MAX);
    expect(boundedLabel(name)).toBe(`${'n'.repeat(LABEL_MAX)}…`);
    expect(boundText('short')).toEqual({ text: 'short', cut: 0 });
  });

  it('never splits a surrogate pair', () => {
    const { text, cut } = boundText(`a${'😀'.repeat(10)}`, 4);
    expect(text).toBe('a😀');
    expect(cut).toBe(18);
  });

  it('shows control and bidi characters visibly', () => {
    expect(boundText('\u202Eevil\u202C').text).toBe('⟨U+202E⟩evil⟨U+202C⟩');
    expect(boundText('a\u0000b\u001b[31m\u007f').text).toBe('a␀b␛[31m␡');
    expect(boundText('line 1\nline 2').text).toBe('line 1␊line 2');
    expect(boundText('line 1\n\tline 2\u2067', 100, true).text).toBe('line 1\n\tline 2⟨U+2067⟩');
    // Right-to-left scripts are text, not controls.
    expect(boundText('שלום').text).toBe('שלום');
  });
});
