// Which spans have an error somewhere below them, so a collapsed row can say so.
import type { Trace } from '../model/trace.ts';

const cache = new WeakMap<Trace, Uint8Array>();

/** 1 for spans with at least one error among their descendants (not counting themselves). */
export function descendantErrors(trace: Trace): Uint8Array {
  const cached = cache.get(trace);
  if (cached) return cached;
  const { spans, tree } = trace;
  const below = new Uint8Array(spans.length);
  // Reverse preorder reaches every span after all of its descendants.
  for (let k = tree.preorder.length - 1; k >= 0; k--) {
    const i = tree.preorder[k];
    const p = tree.parent[i];
    if (p !== -1 && (below[i] === 1 || spans[i].status.code === 'error')) below[p] = 1;
  }
  cache.set(trace, below);
  return below;
}

/** Takes flags worked out elsewhere (the worker) for this very trace. */
export function provideDescendantErrors(trace: Trace, below: Uint8Array): void {
  cache.set(trace, below);
}
