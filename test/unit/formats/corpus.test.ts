// Every real file in the shared corpus does what expected.json says: loads with exactly
// its format, trace and span counts, warns, or fails with a message naming the file.
import { describe, expect, it } from 'vitest';
import { loadTraceText } from '../../../src/formats/load.ts';
import { corpusEntries, readCorpusText } from '../../helpers/corpus.ts';

function warningCount(outcome: ReturnType<typeof loadTraceText>): number {
  if (!outcome.ok) return 0;
  return outcome.file.warnings.length + outcome.file.traces.reduce((n, t) => n + t.warnings.length, 0);
}

describe('shared corpus', () => {
  for (const entry of corpusEntries()) {
    it(`${entry.file}: ${entry.expect}`, () => {
      const name = entry.file.split('/').pop()!;
      const outcome = loadTraceText(name, readCorpusText(entry.file));
      if (entry.expect === 'error') {
        expect(outcome.ok).toBe(false);
        if (!outcome.ok) expect(outcome.error.message).toContain(name);
        return;
      }
      if (entry.expect === 'error-or-warnings' && !outcome.ok) {
        expect(outcome.error.message).toContain(name);
        return;
      }
      expect(outcome.ok, outcome.ok ? '' : outcome.error.message).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.file.format).toBe(entry.format);
      expect(outcome.file.traces.length).toBe(entry.traces);
      expect(outcome.file.traces.reduce((n, t) => n + t.spans.length, 0)).toBe(entry.spans);
      if (entry.expect === 'load-with-warnings' || entry.expect === 'error-or-warnings') {
        expect(warningCount(outcome)).toBeGreaterThan(0);
      }
      // Every span is in its trace's tree exactly once.
      for (const t of outcome.file.traces) {
        const seen = new Uint8Array(t.spans.length);
        for (const i of t.tree.preorder) seen[i]++;
        expect(seen.every((c) => c === 1)).toBe(true);
      }
    });
  }
});
